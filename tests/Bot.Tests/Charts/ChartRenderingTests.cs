using AllianceBot.Bot.Charts;
using AllianceBot.Bot.Tests.Support;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Tests.Charts;

public sealed class ChartRenderingTests
{
    /// <summary>Also refreshes docs/cards/chart-*.png (look at them: the labels must be there, see TESTING.md on SkiaSharp).</summary>
    [Theory]
    [InlineData(ChartKind.Nav, "en")]
    [InlineData(ChartKind.Nav, "nl")]
    [InlineData(ChartKind.Trend, "en")]
    [InlineData(ChartKind.Trend, "nl")]
    [InlineData(ChartKind.Nav, "de")]
    [InlineData(ChartKind.Trend, "de")]
    public async Task SampleChartsFitTeamsAndAreSavedForTheDocs(ChartKind kind, string code)
    {
        // A string, not a Language: xUnit 2 silently skips a theory whose InlineData must become a Language.
        var language = Language.Of(code);
        ChartInput input = kind == ChartKind.Nav ? SampleCharts.Nav(language) : SampleCharts.Trend(language);

        var png = ChartRenderer.RenderPng(input);

        PngFacts.AssertFitsTeams(png);
        var folder = Directory.CreateDirectory(RepoPaths.Combine("docs", "cards"));
        await File.WriteAllBytesAsync(Path.Combine(folder.FullName, $"chart-{kind.Slug()}.{language.Code()}.png"), png);
    }

    [Fact]
    public void TextIsDrawnSoTheLanguagesDiffer()
    {
        // Same data, different words: if SkiaSharp lost the text (TESTING.md), both PNGs would be identical.
        var english = ChartRenderer.RenderPng(SampleCharts.Nav(Language.En));
        var dutch = ChartRenderer.RenderPng(SampleCharts.Nav(Language.Nl) with { Course = SampleCharts.Nav(Language.En).Course, Current = SampleCharts.Nav(Language.En).Current });

        Assert.NotEqual(english, dutch);
    }

    /// <summary>Issue 16: German charts carry German words (they fell back to English), with the same data as the others.</summary>
    [Theory]
    [InlineData(ChartKind.Nav)]
    [InlineData(ChartKind.Trend)]
    public void GermanChartsAreDrawnWithGermanWords(ChartKind kind)
    {
        ChartInput Sample(Language language) => kind == ChartKind.Nav
            ? SampleCharts.Nav(language) with { Course = SampleCharts.Nav(Language.En).Course, Current = SampleCharts.Nav(Language.En).Current }
            : SampleCharts.Trend(language) with { Rounds = SampleCharts.Trend(Language.En).Rounds };

        var german = ChartRenderer.RenderPng(Sample(Language.De));

        PngFacts.AssertFitsTeams(german);
        Assert.NotEqual(ChartRenderer.RenderPng(Sample(Language.En)), german);
        Assert.NotEqual(ChartRenderer.RenderPng(Sample(Language.Nl)), german);
    }

    [Theory]
    [InlineData("en", "Where is {0} in the NAV model?", "1. Getting acquainted", "You are here", "Trust anchors per round", "Jan 26")]
    [InlineData("nl", "Waar staat {0} in het NAV-model?", "1. Kennismaking", "U bent hier", "Vertrouwensankers per ronde", "jan 26")]
    [InlineData("de", "Wo steht {0} im NAV-Modell?", "1. Kennenlernen", "Sie sind hier", "Ankerfragen je Runde", "Jan 26")]
    public void TheChartWordsAndMonthsComeFromTheLanguagesCatalog(string code, string navTitle, string firstPhase, string here, string trendTitle, string january)
    {
        var language = Language.Of(code);
        var texts = ChartTexts.For(language);

        Assert.Equal((navTitle, firstPhase, here, trendTitle), (texts.NavTitleFor, texts.Phases[0], texts.YouAreHere, texts.TrendTitle));
        Assert.Equal(3, texts.Phases.Count);
        Assert.Equal(january, ChartTexts.Month(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero), language));
    }

    [Fact]
    public void ExtremeAndSparseInputStillDraws()
    {
        var nav = new NavChartInput(Language.En, [], new NavCoursePoint(9, -7));
        var trend = new TrendChartInput(Language.Nl, [new TrendRound("x", null, null)]);

        PngFacts.AssertFitsTeams(ChartRenderer.RenderPng(nav));
        PngFacts.AssertFitsTeams(ChartRenderer.RenderPng(trend));
    }

    /// <summary>Issue 17: the explain cards' picture is the model alone — no course, no marker — and is saved for the docs too.</summary>
    [Theory]
    [InlineData("en")]
    [InlineData("nl")]
    [InlineData("de")]
    public async Task TheModelPictureDrawsWithoutAnAllianceAndDiffersFromAnAlliancesPicture(string code)
    {
        var language = Language.Of(code);
        var model = ChartRenderer.RenderPng(NavChartInput.Model(language));
        PngFacts.AssertFitsTeams(model);
        Assert.NotEqual(ChartRenderer.RenderPng(SampleCharts.Nav(language)), model);
        // "You are here" is never drawn: moving the (unused) current point changes nothing.
        Assert.Equal(model, ChartRenderer.RenderPng(NavChartInput.Model(language) with { Current = new NavCoursePoint(3.5, -2) }));
        await File.WriteAllBytesAsync(Path.Combine(Directory.CreateDirectory(RepoPaths.Combine("docs", "cards")).FullName, $"chart-model.{language.Code()}.png"), model);
    }
}
