namespace AllianceBot.Dialogs.Intents;

/// <summary>
/// Words that carry no intent, per language. Question words (where/how/what, waar/hoe/wat) are kept on purpose:
/// they are what distinguishes "where are we?" from "how are we doing?"-like phrasings of other intents.
/// </summary>
public static class StopWords
{
    public static IReadOnlySet<string> En { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "the", "is", "are", "am", "be", "was", "we", "our", "us", "i", "me", "my", "you", "your", "it", "its",
        "in", "of", "to", "for", "at", "and", "or", "please", "pls", "can", "could", "would",
        "will", "hi", "hello", "hey", "thanks", "thank", "bot", "now", "just", "again", "some", "any",
        "with", "about", "this", "that", "there", "here", "so", "ok", "okay",
    };

    public static IReadOnlySet<string> Nl { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "de", "het", "een", "is", "zijn", "ben", "we", "wij", "ons", "onze", "ik", "me", "mij", "mijn", "je", "jij", "jouw",
        "u", "uw", "in", "van", "naar", "voor", "op", "en", "of", "te", "graag", "alsjeblieft", "aub", "kun", "kunt",
        "kan", "kunnen", "wil", "wilt", "zou", "hoi", "hallo", "hey", "dank", "bedankt", "bot", "nu", "even", "eens",
        "weer", "er", "dit", "dat", "die", "hier", "daar", "zo", "ok", "oke", "met", "over",
    };

    public static bool Contains(string word) => En.Contains(word) || Nl.Contains(word);
}
