using System.Net;
using System.Reflection;
using System.Text;
using AllianceBot.Bot.Localization;
using AllianceBot.Trust;
using Markdig;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AllianceBot.Bot.Legal;

/// <summary>
/// /privacy and /terms, the pages the Teams manifest links to (privacyUrl, termsOfUseUrl). The texts are
/// docs/legal/{privacy,terms}.md (the fallback language) and {privacy,terms}.{code}.md for every other language,
/// embedded at build time and rendered once, so the pages and the docs cannot drift apart; the operator's name and
/// contact (<c>Legal:Operator</c>, <c>Legal:Contact</c>) head every page. The language comes from <c>?lang=</c>, else
/// Accept-Language (<see cref="BotTexts.FromRequest"/>).
/// </summary>
public static class LegalPages
{
    public static readonly IReadOnlyList<string> Documents = ["privacy", "terms"];

    /// <summary>The supported languages the legal texts are written in (a language needs both documents).</summary>
    public static IReadOnlyList<Language> Languages { get; } =
        [.. Trust.Languages.Supported.Where(l => Documents.All(d => Assembly.GetExecutingAssembly().GetManifestResourceInfo(ResourceName(d, l)) is not null))];

    public static IHostApplicationBuilder AddLegalPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LegalOptions>()
            .Bind(builder.Configuration.GetSection(LegalOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }

    public static IEndpointRouteBuilder MapLegalPages(this IEndpointRouteBuilder app)
    {
        foreach (var document in Documents)
        {
            app.MapGet($"/{document}", (HttpContext context, IOptions<LegalOptions> options) =>
            {
                var language = LanguageOf(context.Request);
                context.Response.Headers.ContentLanguage = language.Code;
                context.Response.Headers.Vary = HeaderNames.AcceptLanguage;
                return Results.Content(Page(document, language, options.Value), "text/html; charset=utf-8");
            });
        }

        return app;
    }

    /// <summary>The file name of one document in one language, as in docs/legal/.</summary>
    public static string FileName(string document, Language language) =>
        language == Language.Fallback ? $"{document}.md" : $"{document}.{language.Code}.md";

    /// <summary>The embedded Markdown of one document in one language, exactly as in docs/legal/.</summary>
    public static string Markdown(string document, Language language)
    {
        using var stream = Resource(document, language)
            ?? throw new InvalidOperationException($"Legal/{FileName(document, language)} is not embedded in the bot assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static string Page(string document, Language language, LegalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var texts = BotTexts.For(language);
        var markdown = Markdown(document, language);
        var title = markdown.Split('\n', 2)[0].TrimStart('#', ' ').Trim();
        var body = Html.Of(markdown);
        var page = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"").Append(language.Code).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(WebUtility.HtmlEncode(title)).Append(" · AllianceBot</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}header{border-bottom:1px solid #ccc;padding-bottom:.5rem;color:#444}</style>")
            .Append("</head><body><header><p>")
            .Append(WebUtility.HtmlEncode(texts["legal.operator"])).Append(": <strong>")
            .Append(WebUtility.HtmlEncode(options.Operator.Length > 0 ? options.Operator : texts["legal.unnamed"])).Append("</strong><br>")
            .Append(WebUtility.HtmlEncode(texts["legal.contact"])).Append(": ").Append(Contact(options.Contact, texts["legal.askadmin"]))
            .Append("<br>");
        var others = Languages.Where(l => l != language).Select(other =>
            $"<a href=\"?lang={other.Code}\" hreflang=\"{other.Code}\" lang=\"{other.Code}\">{WebUtility.HtmlEncode(texts.In(other)["language.self"])}</a>");
        page.Append(string.Join(" · ", others))
            .Append("</p></header><main>\n").Append(body).Append("</main></body></html>\n");
        return page.ToString();
    }

    /// <summary><c>?lang=</c> when it names a language the legal texts are in, else the first of Accept-Language (by quality) they are in, else the fallback.</summary>
    public static Language LanguageOf(HttpRequest request)
    {
        var language = BotTexts.FromRequest(request);
        return Languages.Contains(language) ? language : Language.Fallback;
    }

    private static string ResourceName(string document, Language language) => $"Legal/{FileName(document, language)}";

    private static Stream? Resource(string document, Language language) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName(document, language));

    /// <summary>
    /// Markdig, built on the first page served rather than when the routes are mapped (issue 18: it kept the assembly
    /// mapped in every process, though the pages are read rarely).
    /// </summary>
    private static class Html
    {
        private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

        public static string Of(string markdown) => Markdig.Markdown.ToHtml(markdown, Pipeline);
    }

    private static string Contact(string contact, string fallback)
    {
        var encoded = WebUtility.HtmlEncode(contact);
        if (contact.Length == 0)
        {
            return WebUtility.HtmlEncode(fallback);
        }

        if (Uri.TryCreate(contact, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
        {
            return $"<a href=\"{encoded}\">{encoded}</a>";
        }

        return contact.Contains('@', StringComparison.Ordinal) && !contact.Any(char.IsWhiteSpace) && !contact.Contains(':', StringComparison.Ordinal)
            ? $"<a href=\"mailto:{encoded}\">{encoded}</a>"
            : encoded;
    }
}
