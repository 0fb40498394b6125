using AllianceBot.Bot.Charts;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Tests.Charts;

/// <summary>The demo alliance's story: relational early, calculative neglected in confirmation (the Dell/Getronics pattern).</summary>
public static class SampleCharts
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    public static NavChartInput Nav(Language language) => new(language,
        [
            new NavCoursePoint(1.2, 0.6, Month(0, language)),
            new NavCoursePoint(1.5, 1.0, Month(2, language)),
            new NavCoursePoint(1.8, 1.1, Month(4, language)),
            new NavCoursePoint(2.1, 1.0, Month(6, language)),
            new NavCoursePoint(2.3, 0.9, Month(8, language)),
        ],
        new NavCoursePoint(2.45, 0.9, Month(10, language)),
        "Acme – Globex");

    public static TrendChartInput Trend(Language language)
    {
        double?[] calculative = [3.9, 3.7, 3.6, 3.4, null, 3.3, 3.2, 3.3];
        double?[] relational = [4.2, 4.3, 4.3, 4.4, null, 4.2, 4.3, 4.2];
        return new TrendChartInput(language, calculative.Select((c, i) => new TrendRound(Month(i + 5, language), c, relational[i])).ToList(), "Acme – Globex");
    }

    private static string Month(int months, Language language) => ChartTexts.Month(Start.AddMonths(months), language);
}
