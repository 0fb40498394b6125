using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Routing;

/// <summary>
/// A button that runs an intent as if it had been typed ("Where are we?" on any card). The click comes back as
/// <see cref="DialogVerbs.RunIntent"/> and reaches whichever dialog handles the intent, in the card's language.
/// </summary>
public static class IntentButtons
{
    public static SubmitAction For(Intent intent, Texts texts, ActionStyle style = ActionStyle.Default)
    {
        var definition = IntentTable.Get(intent);
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DialogVerbs.IntentKey] = definition.Key,
            [DialogVerbs.LanguageKey] = texts.Language.Code(),
        };
        return new SubmitAction(texts[definition.ButtonTextKey], DialogVerbs.RunIntent, data, style);
    }
}
