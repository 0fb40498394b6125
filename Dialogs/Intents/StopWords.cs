using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Intents;

/// <summary>
/// Words that carry no intent, per language (Intents/words.{code}.json). Question words (where/how/what,
/// waar/hoe/wat, wo/wie/was) are kept on purpose: they distinguish "where are we?" from other intents' phrasings.
/// </summary>
public static class StopWords
{
    public static IReadOnlySet<string> Of(Language language) => IntentCatalog.Words(language).StopWords;

    public static bool Contains(string word) => IntentCatalog.IsStopWord(word);
}
