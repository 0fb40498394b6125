using AllianceBot.Trust;

namespace AllianceBot.Bot.Charts;

/// <summary>The words on the charts, in English and Dutch (the seed article's own Dutch terms).</summary>
internal sealed record ChartTexts(
    string NavTitle,
    string NavTitleFor,
    IReadOnlyList<string> Phases,
    string RelationalEmphasis,
    string CalculativeEmphasis,
    string IntendedCourse,
    string MeasuredCourse,
    string YouAreHere,
    string BalanceAxis,
    string TrendTitle,
    string TrendTitleFor,
    string Calculative,
    string Relational,
    string ScoreAxis,
    string ModelTitle)
{
    public static ChartTexts For(Language language) => language == Language.Nl ? Dutch : English;

    public static System.Globalization.CultureInfo Culture(Language language) =>
        System.Globalization.CultureInfo.GetCultureInfo(language == Language.Nl ? "nl-NL" : "en-GB");

    private static readonly ChartTexts English = new(
        "Where are we in the NAV model?",
        "Where is {0} in the NAV model?",
        ["1. Getting acquainted", "2. Confirmation", "3. Execution and closure"],
        "relational emphasis",
        "calculative emphasis",
        "Intended course",
        "Measured course",
        "You are here",
        "Balance (relational − calculative)",
        "Trust anchors per round",
        "Trust anchors per round: {0}",
        "Calculative",
        "Relational",
        "Score (1–5)",
        "The NAV model: the intended course");

    private static readonly ChartTexts Dutch = new(
        "Waar staan we in het NAV-model?",
        "Waar staat {0} in het NAV-model?",
        ["1. Kennismaking", "2. Bevestiging", "3. Uitvoer en afsluiting"],
        "nadruk relationeel",
        "nadruk calculatief",
        "Bedoelde koers",
        "Gemeten koers",
        "U bent hier",
        "Balans (relationeel − calculatief)",
        "Vertrouwensankers per ronde",
        "Vertrouwensankers per ronde: {0}",
        "Calculatief",
        "Relationeel",
        "Score (1–5)",
        "Het NAV-model: de bedoelde koers");
}
