using System.Net;
using System.Reflection;
using System.Text;
using Markdig;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AllianceBot.Bot.Legal;

/// <summary>
/// /privacy and /terms, the pages the Teams manifest links to (privacyUrl, termsOfUseUrl). The texts are
/// docs/legal/{privacy,terms}{,.nl}.md, embedded at build time and rendered once, so the pages and the docs cannot
/// drift apart; the operator's name and contact (<c>Legal:Operator</c>, <c>Legal:Contact</c>) head every page.
/// English or Dutch by <c>?lang=</c>, else by Accept-Language.
/// </summary>
public static class LegalPages
{
    public static readonly IReadOnlyList<string> Languages = ["en", "nl"];
    public static readonly IReadOnlyList<string> Documents = ["privacy", "terms"];

    private static readonly Dictionary<string, (string Operator, string Contact, string Unnamed, string AskAdmin, string Other)> Header = new()
    {
        ["en"] = ("Operated by", "Contact", "the organisation that runs this bot", "ask your Microsoft Teams or Slack administrator", "Nederlands"),
        ["nl"] = ("Beheerd door", "Contact", "de organisatie die deze bot beheert", "vraag het uw Microsoft Teams- of Slack-beheerder", "English"),
    };

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
                var language = Language(context.Request);
                context.Response.Headers.ContentLanguage = language;
                context.Response.Headers.Vary = HeaderNames.AcceptLanguage;
                return Results.Content(Page(document, language, options.Value), "text/html; charset=utf-8");
            });
        }

        return app;
    }

    /// <summary>The embedded Markdown of one document in one language, exactly as in docs/legal/.</summary>
    public static string Markdown(string document, string language)
    {
        var name = $"Legal/{document}{(language == "en" ? "" : "." + language)}.md";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in the bot assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static string Page(string document, string language, LegalOptions options)
    {
        var texts = Header[language];
        var markdown = Markdown(document, language);
        var title = markdown.Split('\n', 2)[0].TrimStart('#', ' ').Trim();
        var body = Markdig.Markdown.ToHtml(markdown, Pipeline);
        var other = language == "en" ? "nl" : "en";
        var page = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"").Append(language).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(WebUtility.HtmlEncode(title)).Append(" · AllianceBot</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}header{border-bottom:1px solid #ccc;padding-bottom:.5rem;color:#444}</style>")
            .Append("</head><body><header><p>")
            .Append(texts.Operator).Append(": <strong>")
            .Append(WebUtility.HtmlEncode(options.Operator.Length > 0 ? options.Operator : texts.Unnamed)).Append("</strong><br>")
            .Append(texts.Contact).Append(": ").Append(Contact(options.Contact, texts.AskAdmin))
            .Append("<br><a href=\"?lang=").Append(other).Append("\" hreflang=\"").Append(other).Append("\">").Append(texts.Other).Append("</a>")
            .Append("</p></header><main>\n").Append(body).Append("</main></body></html>\n");
        return page.ToString();
    }

    /// <summary><c>?lang=en|nl</c>, else the first of Accept-Language (by quality) we speak, else English.</summary>
    public static string Language(HttpRequest request)
    {
        if (request.Query["lang"].ToString() is { Length: > 0 } asked && Languages.FirstOrDefault(l => asked.StartsWith(l, StringComparison.OrdinalIgnoreCase)) is { } chosen)
        {
            return chosen;
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is not 0)
            .OrderByDescending(l => l.Quality ?? 1);
        foreach (var language in accepted)
        {
            var tag = language.Value.Value ?? "";
            if (Languages.FirstOrDefault(l => tag.Equals(l, StringComparison.OrdinalIgnoreCase) || tag.StartsWith(l + "-", StringComparison.OrdinalIgnoreCase)) is { } match)
            {
                return match;
            }
        }

        return "en";
    }

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

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
