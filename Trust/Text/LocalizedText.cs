using System.Globalization;

namespace AllianceBot.Trust;

/// <summary>A text in both languages the bot speaks.</summary>
public sealed record LocalizedText(string En, string Nl)
{
    public string In(Language language) => language == Language.Nl ? Nl : En;

    public override string ToString() => En;
}

/// <summary>Culture-aware number formatting for user-facing text (Dutch uses a decimal comma).</summary>
public static class NumberText
{
    // Built by hand rather than from CultureInfo("nl-NL") so the output does not depend on ICU data on the host.
    private static readonly NumberFormatInfo English = Build(".", ",");
    private static readonly NumberFormatInfo Dutch = Build(",", ".");

    public static NumberFormatInfo Format(this Language language) => language == Language.Nl ? Dutch : English;

    /// <summary>A number with a fixed count of decimals: 3.25 in English, 3,25 in Dutch.</summary>
    public static string Number(this Language language, double value, int decimals = 2) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), language.Format());

    /// <summary>A fraction as a whole percentage: 0.625 → "63%" (en) or "63%" (nl).</summary>
    public static string Percent(this Language language, double fraction) =>
        Math.Round(fraction * 100, MidpointRounding.AwayFromZero).ToString("F0", language.Format()) + "%";

    /// <summary>A p-value as people read it: "p = 0.004" or "p < 0.001".</summary>
    public static string PValue(this Language language, double p) =>
        p < 0.001 ? "p < " + language.Number(0.001, 3) : "p = " + language.Number(p, 3);

    private static NumberFormatInfo Build(string decimalSeparator, string groupSeparator) => NumberFormatInfo.ReadOnly(
        new NumberFormatInfo
        {
            NumberDecimalSeparator = decimalSeparator,
            NumberGroupSeparator = groupSeparator,
            NegativeSign = "−",
            PositiveInfinitySymbol = "∞",
            NegativeInfinitySymbol = "−∞",
            NaNSymbol = "–",
        });
}
