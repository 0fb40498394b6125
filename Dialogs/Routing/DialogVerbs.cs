namespace AllianceBot.Dialogs.Routing;

/// <summary>Card verbs the router itself understands.</summary>
public static class DialogVerbs
{
    /// <summary>
    /// "Run this intent" — the buttons on help, welcome and did-you-mean cards. Data: <see cref="IntentKey"/> (the
    /// intent's key, e.g. "where-are-we"), optionally <see cref="LanguageKey"/> (a language code, the card's language) and
    /// argument values under their <see cref="Intents.Arg"/> names.
    /// </summary>
    public const string RunIntent = "intent.run";

    public const string IntentKey = "intent";

    /// <summary>The language a card was shown in, so a click answers in that language.</summary>
    public const string LanguageKey = "lang";
}
