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
