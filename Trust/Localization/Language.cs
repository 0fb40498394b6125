namespace AllianceBot.Trust;

/// <summary>
/// A language the bot speaks, keyed by its BCP-47 primary subtag ("en", "nl", "de"). Which languages exist is not
/// written in code: it is the set of <c>texts.{code}.json</c> catalogs embedded in the assemblies
/// (<see cref="Languages.Supported"/>). Adding a language means adding catalogs (docs/languages.md).
/// </summary>
public readonly struct Language : IEquatable<Language>, IComparable<Language>
{
    /// <summary>The language every catalog is complete in and every lookup falls back to.</summary>
    public const string FallbackCode = "en";

    private readonly string? code;

    private Language(string code) => this.code = code;

    /// <summary>The lower-case primary subtag; <c>default(Language)</c> is the fallback language.</summary>
    public string Code => code ?? FallbackCode;

    public static Language Fallback => new(FallbackCode);

    // Named languages for tests and catalog code only; the code-scan test keeps them out of everything else.
    public static Language En => new("en");

    public static Language Nl => new("nl");

    public static Language De => new("de");

    /// <summary>A language from a code or tag ("de", "de-AT", "nl_BE"), whether or not the bot has catalogs for it.</summary>
    public static Language Of(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return new(code.Trim().Split('-', '_')[0].ToLowerInvariant());
    }

    /// <summary>For theory data and configuration: <c>(Language)"de"</c>.</summary>
    public static explicit operator Language(string code) => Of(code);

    public bool Equals(Language other) => string.Equals(Code, other.Code, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Language other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Code);

    public int CompareTo(Language other) => string.CompareOrdinal(Code, other.Code);

    public static bool operator ==(Language left, Language right) => left.Equals(right);

    public static bool operator !=(Language left, Language right) => !left.Equals(right);

    public override string ToString() => Code;
}

public static class Languages
{
    /// <summary>The languages with catalogs, the fallback first: discovered from the embedded Trust catalogs.</summary>
    public static IReadOnlyList<Language> Supported => TrustTexts.Languages;

    public static bool IsSupported(Language language) => TrustTexts.Languages.Contains(language);

    /// <summary>A supported language for a BCP-47 tag ("nl-BE", "de-AT", "en_GB"); null when missing or unsupported.</summary>
    public static Language? FromSupportedLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var language = Language.Of(locale);
        return IsSupported(language) ? language : null;
    }

    /// <summary>Maps a BCP-47 tag to a supported language; the fallback language otherwise.</summary>
    public static Language FromLocale(string? locale) => FromSupportedLocale(locale) ?? Language.Fallback;

    public static string Code(this Language language) => language.Code;
}
