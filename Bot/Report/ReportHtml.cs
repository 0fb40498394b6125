using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Report;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Report;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as one self-contained, server-rendered HTML page: no script, one h1, an h2 per
/// section (h3 inside), alt text on every chart, the page's language in <c>lang</c>, colours of at least 4.5:1 on white,
/// and a print stylesheet (A4, no navigation, page breaks before the long sections) so "Print → Save as PDF" is the PDF.
/// Every text goes through the HTML encoder; nothing from the data can become markup.
/// </summary>
public static class ReportHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(ReportDocument document, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(texts);
        var html = new StringBuilder(16 * 1024);
        Open(html, document.Language.Code(), $"{texts["report.page.eyebrow"]}: {document.Title}");
        html.Append("<header class=\"masthead\"><p class=\"eyebrow\">").Append(E(texts["report.page.eyebrow"])).Append("</p><h1>")
            .Append(E(document.Title)).Append("</h1><p class=\"subtitle\">").Append(E(document.Subtitle)).Append("</p></header>\n");

        html.Append("<nav class=\"contents\" aria-label=\"").Append(E(texts["report.contents"])).Append("\"><ol>");
        foreach (var section in document.Sections)
        {
            html.Append("<li><a href=\"#").Append(E(section.Id)).Append("\">").Append(E(section.Heading)).Append("</a></li>");
        }

        html.Append("</ol><p class=\"hint\">").Append(E(texts["report.print.hint"])).Append("</p></nav>\n<main>\n");
        foreach (var section in document.Sections)
        {
            html.Append("<section id=\"").Append(E(section.Id)).Append("\" aria-labelledby=\"").Append(E(section.Id)).Append("-h\"><h2 id=\"")
                .Append(E(section.Id)).Append("-h\">").Append(E(section.Heading)).Append("</h2>\n");
            foreach (var block in section.Body)
            {
                Block(html, block);
            }

            html.Append("</section>\n");
        }

        html.Append("</main>\n<footer><p>").Append(E(document.Footer)).Append("</p></footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>A plain page for a link that does not work (forged, expired, gone): a title and what to do, never a stack trace.</summary>
    public static string Error(Texts texts, string messageKey)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var html = new StringBuilder();
        Open(html, texts.Language.Code(), texts["report.error.title"]);
        html.Append("<main class=\"error\"><h1>").Append(E(texts["report.error.title"])).Append("</h1><p>")
            .Append(E(texts[messageKey])).Append("</p></main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Open(StringBuilder html, string language, string title) => html
        .Append("<!DOCTYPE html>\n<html lang=\"").Append(E(language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .Append("<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>").Append(E(title)).Append("</title>\n<style>")
        .Append(Css).Append("</style>\n</head>\n<body>\n");

    private static void Block(StringBuilder html, Block block)
    {
        switch (block)
        {
            case Heading h:
                html.Append("<h3>").Append(E(h.Text)).Append("</h3>\n");
                break;
            case Paragraph p:
                html.Append("<p").Append(ToneClass(p.Tone)).Append('>').Append(E(p.Text)).Append("</p>\n");
                break;
            case FactList f:
                html.Append("<dl class=\"facts\">");
                foreach (var fact in f.Facts)
                {
                    html.Append("<div><dt>").Append(E(fact.Label)).Append("</dt><dd>").Append(E(fact.Value)).Append("</dd></div>");
                }

                html.Append("</dl>\n");
                break;
            case BulletList b:
                if (!string.IsNullOrWhiteSpace(b.Title))
                {
                    html.Append("<h3").Append(ToneClass(b.Tone)).Append('>').Append(E(b.Title)).Append("</h3>\n");
                }

                html.Append("<ul").Append(ToneClass(b.Tone)).Append('>');
                foreach (var item in b.Items)
                {
                    html.Append("<li>").Append(E(item)).Append("</li>");
                }

                html.Append("</ul>\n");
                break;
            case TableBlock t:
                Table(html, t);
                break;
            case ImageBlock i:
                html.Append("<figure><img src=\"").Append(E(i.Url)).Append("\" alt=\"").Append(E(i.AltText)).Append("\"></figure>\n");
                break;
            case Divider:
                html.Append("<hr>\n");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "The report page has no mapping for this block.");
        }
    }

    private static void Table(StringBuilder html, TableBlock table)
    {
        html.Append("<div class=\"table\"><table>");
        if (table.Header.Count > 0)
        {
            html.Append("<thead><tr>");
            foreach (var cell in table.Header)
            {
                html.Append("<th scope=\"col\">").Append(E(cell)).Append("</th>");
            }

            html.Append("</tr></thead>");
        }

        html.Append("<tbody>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                html.Append(i == 0 ? "<th scope=\"row\">" : "<td>").Append(E(row[i])).Append(i == 0 ? "</th>" : "</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></div>\n");
    }

    private static string ToneClass(Tone tone) => tone == Tone.Default ? "" : $" class=\"tone-{tone.ToString().ToLowerInvariant()}\"";

    private static string E(string text) => Encoder.Encode(text);

    // Colours: every text colour has at least 4.5:1 against white and against the tinted boxes (checked in the browser test).
    private const string Css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 60rem; padding: 1.5rem 1.25rem 3rem; font: 1rem/1.5 "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #1b1b1b; background: #ffffff; }
        .masthead { border-bottom: 3px solid #4f52b2; padding-bottom: .75rem; margin-bottom: 1rem; }
        .eyebrow { margin: 0; text-transform: uppercase; letter-spacing: .06em; font-size: .85rem; font-weight: 600; color: #444791; }
        h1 { margin: .2rem 0; font-size: 2rem; line-height: 1.2; }
        .subtitle { margin: 0; color: #4a4a4a; }
        h2 { font-size: 1.4rem; margin: 2rem 0 .5rem; padding-bottom: .25rem; border-bottom: 1px solid #c8c6c4; }
        h3 { font-size: 1.1rem; margin: 1.25rem 0 .35rem; }
        nav.contents { background: #f3f2f1; border-radius: 6px; padding: .75rem 1rem; }
        nav.contents ol { margin: 0; padding-left: 1.25rem; columns: 2; }
        nav.contents a { color: #3b3e99; }
        .hint { margin: .5rem 0 0; font-size: .9rem; color: #4a4a4a; }
        figure { margin: .75rem 0; }
        img { max-width: 100%; height: auto; border: 1px solid #e1dfdd; }
        dl.facts { display: grid; grid-template-columns: minmax(10rem, 16rem) 1fr; gap: .25rem 1rem; margin: .75rem 0; }
        dl.facts div { display: contents; }
        dt { font-weight: 600; }
        dd { margin: 0; }
        .table { overflow-x: auto; }
        table { border-collapse: collapse; margin: .75rem 0; min-width: 60%; }
        th, td { border: 1px solid #c8c6c4; padding: .3rem .6rem; text-align: left; vertical-align: top; }
        thead th { background: #f3f2f1; }
        tbody th { font-weight: 600; }
        .tone-subtle { color: #4a4a4a; }
        .tone-accent { color: #3b3e99; }
        .tone-good { color: #0b5a08; }
        .tone-attention { color: #a4262c; }
        p.tone-warning { color: #1b1b1b; background: #fff4ce; border-left: 4px solid #8a5a00; padding: .4rem .6rem; }
        ul.tone-good, ul.tone-attention { color: #1b1b1b; }
        li { margin: .25rem 0; }
        footer { margin-top: 2.5rem; padding-top: .75rem; border-top: 1px solid #c8c6c4; font-size: .9rem; color: #4a4a4a; }
        main.error { padding-top: 2rem; }
        @page { size: A4; margin: 16mm 14mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10.5pt; }
          nav.contents, .hint { display: none; }
          h2 { break-after: avoid; page-break-after: avoid; }
          h3 { break-after: avoid; page-break-after: avoid; }
          figure, table, dl.facts, li, p { break-inside: avoid; page-break-inside: avoid; }
          #findings, #participation { break-before: page; page-break-before: always; }
          img { border: none; }
          a { color: inherit; text-decoration: none; }
        }
        """;
}
