using AllianceBot.Dialogs.Localization;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Tests.Localization;

public sealed class LanguageResolverTests
{
    // Codes as strings: xUnit's discovery silently dropped this theory while its data were Language? values.
    [Theory]
    [InlineData("nl", "en", "en-US", "en", "nl")]
    [InlineData(null, "nl", "en-US", "en", "nl")]
    [InlineData(null, null, "nl-BE", "en", "nl")]
    [InlineData(null, null, "en_GB", "nl", "en")]
    [InlineData(null, null, "de-DE", "nl", "de")]
    [InlineData(null, null, "de-AT", null, "de")]
    [InlineData(null, "de", "nl-NL", "en", "de")]
    [InlineData(null, null, null, "nl", "nl")]
    [InlineData(null, null, null, "de", "de")]
    [InlineData(null, null, "", null, "en")]
    [InlineData(null, null, "fr-FR", null, "en")]
    [InlineData(null, null, "fr-FR", "de", "de")]
    public void MostSpecificChoiceWins(string? user, string? phrase, string? locale, string? alliance, string expected) =>
        Assert.Equal(Language.Of(expected), LanguageResolver.Resolve(Code(user), Code(phrase), locale, Code(alliance)));

    private static Language? Code(string? code) => code is null ? null : Language.Of(code);
}
