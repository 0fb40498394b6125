using AllianceBot.Dialogs.Localization;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Tests.Localization;

public sealed class LanguageResolverTests
{
    [Theory]
    [InlineData("nl", "en", "en-US", "en", "nl")]
    [InlineData(null, "nl", "en-US", "en", "nl")]
    [InlineData(null, null, "nl-BE", "en", "nl")]
    [InlineData(null, null, "en_GB", "nl", "en")]
    [InlineData(null, null, "de-DE", "nl", "nl")]
    [InlineData(null, null, null, "nl", "nl")]
    [InlineData(null, null, "", null, "en")]
    [InlineData(null, null, "fr-FR", null, "en")]
    public void MostSpecificChoiceWins(Language? user, Language? phrase, string? locale, Language? alliance, Language expected) =>
        Assert.Equal(expected, LanguageResolver.Resolve(user, phrase, locale, alliance));
}
