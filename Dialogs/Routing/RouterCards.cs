using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Routing;

/// <summary>The router's own answers: a failure inside a handler, and an understood command nobody handles yet.</summary>
public static class RouterCards
{
    public static CardView Error(Texts texts, string reference) => new(
        CardKind.Error,
        texts["error.title"],
        [new Paragraph(texts["error.body"]), new FactList([new Fact(texts["error.reference"], reference)])],
        [IntentButtons.For(Intent.Help, texts)],
        texts["error.summary"]);

    public static CardView Unavailable(Texts texts, Intent intent) => new(
        CardKind.Info,
        texts["unavailable.title"],
        [new Paragraph(texts.Format("unavailable.body", texts[IntentTable.Get(intent).ButtonTextKey]))],
        [IntentButtons.For(Intent.Help, texts)],
        texts["unavailable.summary"]);
}
