using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Help;

/// <summary>
/// The help, welcome and did-you-mean cards. The command lists come from <see cref="IntentTable"/>, so help shows
/// exactly what the matcher understands, in the reader's language.
/// </summary>
public static class HelpCards
{
    public static CardView Help(Texts texts) => new(
        CardKind.Help,
        texts["help.title"],
        [
            new Paragraph(texts["help.nav.1"]),
            new Paragraph(texts["help.nav.2"], Tone.Subtle),
            Commands(texts, IntentAudience.Member, "help.members"),
            Commands(texts, IntentAudience.Manager, "help.managers"),
            new Paragraph(texts["help.footer"], Tone.Subtle),
        ],
        [IntentButtons.For(Intent.WhereAreWe, texts, ActionStyle.Positive), IntentButtons.For(Intent.Pulse, texts), IntentButtons.For(Intent.ExplainModel, texts)],
        texts["help.summary"]);

    public static CardView Welcome(Texts texts, string? displayName) => new(
        CardKind.Welcome,
        texts["welcome.title"],
        [
            new Paragraph(texts.Format("welcome.greeting", FirstName(displayName))),
            new Paragraph(texts["help.nav.1"]),
            new Paragraph(texts["help.nav.2"], Tone.Subtle),
            new Paragraph(texts["welcome.start"], Tone.Accent),
        ],
        [IntentButtons.For(Intent.WhereAreWe, texts, ActionStyle.Positive), IntentButtons.For(Intent.Help, texts), IntentButtons.For(Intent.ExplainModel, texts)],
        texts["welcome.summary"]);

    /// <summary>The answer to anything not understood: never silence, always the closest commands as buttons.</summary>
    public static CardView DidYouMean(Texts texts, string? typed, IReadOnlyList<IntentSuggestion> suggestions)
    {
        var shown = Shorten(typed);
        var body = shown.Length == 0 ? texts["didyoumean.empty"] : texts.Format("didyoumean.body", shown);
        return new CardView(
            CardKind.Choice,
            texts["didyoumean.title"],
            [new Paragraph(body), new Paragraph(texts["didyoumean.hint"], Tone.Subtle)],
            [.. suggestions.Take(3).Select(s => IntentButtons.For(s.Intent, texts))],
            texts["didyoumean.summary"]);
    }

    /// <summary>One line per command: "waar staan we? — de gezondheidscheck: …".</summary>
    public static IReadOnlyList<string> CommandLines(Texts texts, IntentAudience audience) =>
    [
        .. IntentTable.All
            .Where(d => d.Audience == audience && d.ShowInHelp)
            .Select(d => $"{d.Phrasing(texts.Language).Usage} — {texts[d.HelpTextKey]}"),
    ];

    private static BulletList Commands(Texts texts, IntentAudience audience, string titleKey) =>
        new(texts[titleKey], CommandLines(texts, audience));

    private static string FirstName(string? displayName)
    {
        var first = displayName?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return string.IsNullOrEmpty(first) ? "" : " " + Shorten(first, 40);
    }

    /// <summary>Echo at most a short, single-line piece of what was typed.</summary>
    private static string Shorten(string? text, int max = 60)
    {
        var line = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max - 1), "…");
    }
}
