using AllianceBot.Bot.Charts;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Tests.Charts;

/// <summary>The demo alliance's story: relational early, calculative neglected in confirmation (the Dell/Getronics pattern).</summary>
public static class SampleCharts
{
    public static NavChartInput Nav(Language language)
    {
        var nl = language == Language.Nl;
        return new NavChartInput(language,
            [
                new NavCoursePoint(1.2, 0.6, nl ? "jan" : "Jan"),
                new NavCoursePoint(1.5, 1.0, nl ? "mrt" : "Mar"),
                new NavCoursePoint(1.8, 1.1, nl ? "mei" : "May"),
                new NavCoursePoint(2.1, 1.0, nl ? "jul" : "Jul"),
                new NavCoursePoint(2.3, 0.9, nl ? "sep" : "Sep"),
            ],
            new NavCoursePoint(2.45, 0.9, nl ? "nov" : "Nov"),
            "Acme – Globex");
    }

    public static TrendChartInput Trend(Language language)
    {
        string[] months = language == Language.Nl
            ? ["jun", "jul", "aug", "sep", "okt", "nov", "dec", "jan"]
            : ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan"];
        double?[] calculative = [3.9, 3.7, 3.6, 3.4, null, 3.3, 3.2, 3.3];
        double?[] relational = [4.2, 4.3, 4.3, 4.4, null, 4.2, 4.3, 4.2];
        return new TrendChartInput(language, months.Select((m, i) => new TrendRound(m, calculative[i], relational[i])).ToList(), "Acme – Globex");
    }
}
