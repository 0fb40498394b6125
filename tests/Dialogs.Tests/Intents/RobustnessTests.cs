using System.Text;
using AllianceBot.Dialogs.Intents;

namespace AllianceBot.Dialogs.Tests.Intents;

public sealed class RobustnessTests
{
    public static TheoryData<string?> OddInputs => new()
    {
        null,
        "",
        "   \t\r\n  ",
        "👍",
        "🎉🎉🎉 🙏",
        "👩‍👩‍👧‍👦",
        "?!?!...",
        "مرحبا، أين نحن؟",
        "שלום מה שלומך",
        "\u202Ewhere are we\u202C",
        "w\u0336h\u0336e\u0336r\u0336e\u0336",
        "where\u200Bare\u200Bwe",
        "\uD800 lone surrogate \uDC00",
        "\0\u0001\u0007 control",
        "<at>AllianceBot</at>",
        "@AllianceBot",
        "<at>unclosed mention",
        new string('a', 10_000),
        string.Join(' ', Enumerable.Repeat("where are we", 900)),
        string.Concat(Enumerable.Repeat("🙂", 5_000)),
        string.Concat(Enumerable.Repeat("x\u0301", 5_000)),
    };

    [Theory]
    [MemberData(nameof(OddInputs))]
    public void OddInputNeverThrowsAndAlwaysOffersSomething(string? text)
    {
        var recognition = Recognizers.Default.Recognize(text);

        Assert.True(recognition.Match is not null || recognition.Suggestions.Count == 3);
    }

    [Fact]
    public void EmptyAndEmojiOnlyGetTheDefaultSuggestions()
    {
        foreach (var text in new[] { "", "👍", "@AllianceBot" })
        {
            var recognition = Recognizers.Default.Recognize(text);
            Assert.Null(recognition.Match);
            Assert.Equal([Intent.WhereAreWe, Intent.Pulse, Intent.Help], recognition.Suggestions.Select(s => s.Intent));
        }
    }

    [Fact]
    public void HugeMessagesAreCappedSoOnlyTheirStartIsRead()
    {
        var random = new Random(7);
        var words = Enumerable.Range(0, 2_000).Select(_ => RandomWord(random));
        var essay = string.Join(' ', words);
        Assert.True(essay.Length >= 10_000);

        // The recognizer reads a bounded prefix, so whatever follows it cannot change the outcome (or the work done).
        var cap = new RecognitionOptions().MaxInputChars;
        var whole = Recognizers.Default.Recognize(essay);
        var prefix = Recognizers.Default.Recognize(essay[..cap]);
        var withDifferentTail = Recognizers.Default.Recognize(essay[..cap] + " where are we in the model " + essay[cap..]);
        Assert.Equal(Describe(prefix), Describe(whole));
        Assert.Equal(Describe(prefix), Describe(withDifferentTail));
    }

    [Fact]
    public void TenThousandCharacterMessageStartingWithACommandIsNotACommand()
    {
        var text = "forget me " + new string('x', 10_000);

        Assert.NotEqual(Intent.ForgetMe, Recognizers.Default.Recognize(text).Match?.Intent);
    }

    [Theory]
    [InlineData("Wáár stáán wé?", "waar staan we")]
    [InlineData("  HOW   healthy\tis our  alliance?! 🚀 ", "how healthy is our alliance")]
    [InlineData("@AllianceBot phase 2: contract", "phase 2 contract")]
    [InlineData("<at>Alliance Bot</at> join abcd-2345.", "join abcd-2345")]
    [InlineData("AllianceBot, schedule 10:00", "schedule 10:00")]
    [InlineData("één fase", "een fase")]
    public void NormalizationFoldsCaseDiacriticsPunctuationEmojiAndMentions(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    private static string RandomWord(Random random)
    {
        var builder = new StringBuilder();
        for (var i = random.Next(3, 9); i > 0; i--)
        {
            builder.Append((char)('a' + random.Next(26)));
        }

        return builder.ToString();
    }

    private static string Describe(Recognition recognition) =>
        $"{recognition.Match?.Intent}|{recognition.Match?.Kind}|{recognition.Language}|" +
        string.Join(",", recognition.Suggestions.Select(s => s.ToString()));
}
