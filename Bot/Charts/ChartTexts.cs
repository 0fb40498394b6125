using AllianceBot.Bot.Localization;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Charts;

/// <summary>The words on the charts in one language, from the chart catalog (Charts/texts.{code}.json) and the phase names of the trust model.</summary>
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
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Language, ChartTexts> Cache = new();

    public static ChartTexts For(Language language) => Cache.GetOrAdd(language, Load);

    public static System.Globalization.CultureInfo Culture(Language language) => BotTexts.Culture(language);

    /// <summary>A round's closing month on an axis ("Mar 26", "mrt 26", "März 26").</summary>
    public static string Month(DateTimeOffset moment, Language language) =>
        moment.ToString(BotTexts.For(language)["chart.month"], Culture(language));

    private static ChartTexts Load(Language language)
    {
        var t = BotTexts.For(language);
        return new(
            t["chart.nav.title"],
            t["chart.nav.title.for"],
            [.. Trust.Phases.All.Select(p => t.Format("chart.nav.phase", p.Number, p.Name.In(language)))],
            t["chart.nav.emphasis.relational"],
            t["chart.nav.emphasis.calculative"],
            t["chart.nav.intended"],
            t["chart.nav.measured"],
            t["chart.nav.here"],
            t["chart.nav.axis"],
            t["chart.trend.title"],
            t["chart.trend.title.for"],
            t["chart.trend.calculative"],
            t["chart.trend.relational"],
            t["chart.trend.axis"],
            t["chart.nav.model"]);
    }
}
