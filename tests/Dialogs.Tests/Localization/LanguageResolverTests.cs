using AllianceBot.Dialogs.Localization;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Tests.Localization;

public sealed class LanguageResolverTests
{
    [Theory]
    [InlineData(Language.Nl, Language.En, "en-US", Language.En, Language.Nl)]
    [InlineData(null, Language.Nl, "en-US", Language.En, Language.Nl)]
    [InlineData(null, null, "nl-BE", Language.En, Language.Nl)]
    [InlineData(null, null, "en_GB", Language.Nl, Language.En)]
    [InlineData(null, null, "de-DE", Language.Nl, Language.Nl)]
    [InlineData(null, null, null, Language.Nl, Language.Nl)]
    [InlineData(null, null, "", null, Language.En)]
    [InlineData(null, null, "fr-FR", null, Language.En)]
    public void MostSpecificChoiceWins(Language? user, Language? phrase, string? locale, Language? alliance, Language expected) =>
        Assert.Equal(expected, LanguageResolver.Resolve(user, phrase, locale, alliance));
}
