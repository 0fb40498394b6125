using AllianceBot.Dialogs.Explain;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Tests.Intents;

/// <summary>Issue 17: the explain intents understand at least ten phrasings per language, tested through the real recognizer.</summary>
public sealed class ExplainPhrasingTests
{
    /// <summary>Phrasings that are not in the table (other words, typos, punctuation), including the five questions.</summary>
    public static TheoryData<string, Intent, Language> HeldOut => new()
    {
        { "what is the NAV model?", Intent.ExplainModel, Language.En },
        { "What's the NAV-model?", Intent.ExplainModel, Language.En },
        { "explain the nav modle", Intent.ExplainModel, Language.En },
        { "can you explain the model please", Intent.ExplainModel, Language.En },
        { "what does calculative trust mean?", Intent.ExplainCalculative, Language.En },
        { "what does calculatve trust mean", Intent.ExplainCalculative, Language.En },
        { "calculative trust?", Intent.ExplainCalculative, Language.En },
        { "what is relational trust?", Intent.ExplainRelational, Language.En },
        { "relational trust, what is it", Intent.ExplainRelational, Language.En },
        { "which phases are there?", Intent.ExplainPhases, Language.En },
        { "what are the three phases?", Intent.ExplainPhases, Language.En },
        { "what happened with Dell and Getronics?", Intent.ExplainDellGetronics, Language.En },
        { "what happend with dell & getronics", Intent.ExplainDellGetronics, Language.En },
        { "show me the glossary", Intent.Glossary, Language.En },
        { "wat is het NAV-model?", Intent.ExplainModel, Language.Nl },
        { "leg het nav model eens uit", Intent.ExplainModel, Language.Nl },
        { "wat betekent calculatief vertrouwen?", Intent.ExplainCalculative, Language.Nl },
        { "wat is calculatief vertrouwn", Intent.ExplainCalculative, Language.Nl },
        { "wat is relationeel vertrouwen?", Intent.ExplainRelational, Language.Nl },
        { "wat betekent relationeel vertrouwen eigenlijk", Intent.ExplainRelational, Language.Nl },
        { "welke fasen zijn er?", Intent.ExplainPhases, Language.Nl },
        { "wat zijn de drie fasen?", Intent.ExplainPhases, Language.Nl },
        { "wat gebeurde er met Dell en Getronics?", Intent.ExplainDellGetronics, Language.Nl },
        { "wat is er gebeurd bij dell en getronics", Intent.ExplainDellGetronics, Language.Nl },
        { "toon de woordenlijst graag", Intent.Glossary, Language.Nl },
    };

    [Theory]
    [MemberData(nameof(HeldOut))]
    public void HeldOutPhrasingReachesItsExplainIntent(string text, Intent expected, Language language)
    {
        var recognition = Recognizers.Default.Recognize(text);

        Assert.True(recognition.Match is not null, $"\"{text}\" not recognized; suggestions: {string.Join(", ", recognition.Suggestions)}");
        Assert.Equal(expected, recognition.Match.Intent);
        if (recognition.Language is { } recognized)
        {
            Assert.Equal(language, recognized);
        }
    }

    public static TheoryData<Intent, Language> TopicsAndLanguages()
    {
        var data = new TheoryData<Intent, Language>();
        foreach (var topic in ExplainCards.Topics)
        {
            foreach (var language in Languages.Supported)
            {
                data.Add(topic, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TopicsAndLanguages))]
    public void EveryExplainIntentHasAtLeastTenPhrasingsPerLanguageAndEachIsRecognizedAsIt(Intent topic, Language language)
    {
        var examples = IntentTable.Get(topic).Phrasing(language).Examples;

        Assert.True(examples.Count >= 10, $"{topic} has {examples.Count} {language} phrasings");
        foreach (var example in examples)
        {
            var recognition = Recognizers.Default.Recognize(example);
            Assert.True(recognition.Match?.Intent == topic,
                $"\"{example}\" → {recognition.Match?.Intent.ToString() ?? "nothing"}; suggestions: {string.Join(", ", recognition.Suggestions)}");
        }
    }

    [Theory]
    // A partner's name typed alone (as in the guided "create alliance" steps) is a name, not a question about the lesson.
    [InlineData("which phase are we in?", Intent.WhereAreWe)]
    [InlineData("in welke fase zitten we?", Intent.WhereAreWe)]
    [InlineData("phase 2 contract signed", Intent.Phase)]
    [InlineData("fase 3", Intent.Phase)]
    [InlineData("calculative versus relational", Intent.Drift)]
    [InlineData("what can you do", Intent.Help)]
    [InlineData("Dell", null)]
    [InlineData("Getronics", null)]
    [InlineData("Dell Technologies", null)]
    public void NeighboursKeepTheirOwnIntent(string text, Intent? expected) =>
        Assert.Equal(expected, Recognizers.Default.Recognize(text).Match?.Intent);
}
