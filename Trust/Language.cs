namespace AllianceBot.Trust;

/// <summary>The languages the bot speaks.</summary>
public enum Language
{
    En = 0,
    Nl = 1,
}

public static class Languages
{
    /// <summary>Maps a BCP-47 tag ("nl-NL", "nl-BE", "en-US", null) to a supported language; English by default.</summary>
    public static Language FromLocale(string? locale) =>
        locale is not null && (locale.Equals("nl", StringComparison.OrdinalIgnoreCase)
                               || locale.StartsWith("nl-", StringComparison.OrdinalIgnoreCase)
                               || locale.StartsWith("nl_", StringComparison.OrdinalIgnoreCase))
            ? Language.Nl
            : Language.En;

    public static string Code(this Language language) => language == Language.Nl ? "nl" : "en";
}
