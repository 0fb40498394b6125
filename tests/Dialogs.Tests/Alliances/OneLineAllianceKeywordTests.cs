using AllianceBot.Dialogs.Alliances;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Tests.Alliances;

/// <summary>
/// Issue 16: the keywords of the one-line <c>create alliance "NAME" as ORG with P, Q and R tz ZONE lang CODE</c> form
/// come from each language's words catalog (section "alliance"), not from code.
/// </summary>
public sealed class OneLineAllianceKeywordTests
{
    public static TheoryData<Language> EveryLanguage()
    {
        var data = new TheoryData<Language>();
        foreach (var language in Languages.Supported)
        {
            data.Add(language);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryLanguage))]
    public void EveryLanguageHasEveryAllianceKeyword(Language language)
    {
        var words = IntentCatalog.Words(language).Alliance;

        Assert.NotEmpty(words.As);
        Assert.NotEmpty(words.With);
        Assert.NotEmpty(words.TimeZone);
        Assert.NotEmpty(words.Language);
        Assert.NotEmpty(words.And);
    }

    [Theory]
    [MemberData(nameof(EveryLanguage))]
    public void EveryCatalogKeywordOfTheLanguageIsRecognised(Language language)
    {
        var words = IntentCatalog.Words(language).Alliance;
        foreach (var @as in words.As)
        {
            foreach (var with in words.With)
            {
                foreach (var and in words.And)
                {
                    foreach (var tz in words.TimeZone)
                    {
                        foreach (var lang in words.Language)
                        {
                            var text = $"\"Harbour Link\" {@as} Acme {with} Globex, Initech {and} Umbrella {tz} Europe/Berlin {lang} {language.Code}";
                            var result = OneLineAlliance.Parse(text);

                            Assert.True(result.Form is not null, $"{text} → {result.ProblemKey} {result.Detail}");
                            Assert.Equal("Harbour Link", result.Form.Name);
                            Assert.Equal("Acme", result.Form.Organisation);
                            Assert.Equal(["Globex", "Initech", "Umbrella"], result.Form.Partners);
                            Assert.Equal("Europe/Berlin", result.Form.TimeZone);
                            Assert.Equal(language, result.Form.Language);
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(EveryLanguage))]
    public void KeywordsAreCaseInsensitiveAndEndTheBareName(Language language)
    {
        var words = IntentCatalog.Words(language).Alliance;
        var text = $"Harbour Link {words.As.First().ToUpperInvariant()} Acme";
        var result = OneLineAlliance.Parse(text);

        Assert.True(result.Form is not null, $"{text} → {result.ProblemKey} {result.Detail}");
        Assert.Equal("Harbour Link", result.Form.Name);
        Assert.Equal("Acme", result.Form.Organisation);
    }

    [Fact]
    public void AWordThatOnlyContainsAKeywordIsNotOne()
    {
        // "Withers" and "Sandvik" hold "with" and "and" but are names, not keywords: keywords are whole words.
        var result = OneLineAlliance.Parse("\"Alpha\" as Withers with Sandvik, Astrand");

        Assert.True(result.Form is not null, $"{result.ProblemKey} {result.Detail}");
        Assert.Equal("Withers", result.Form.Organisation);
        Assert.Equal(["Sandvik", "Astrand"], result.Form.Partners);
    }
}
