namespace AllianceBot.Bot.Charts;

/// <summary>Draws a chart input as a PNG (≤ 1024×1024; the tests hold it under 200 KB).</summary>
public static class ChartRenderer
{
    public const int MaxSide = 1024;

    public static byte[] RenderPng(ChartInput input) => input switch
    {
        NavChartInput nav when nav.Course is not null => NavChart.Render(nav),
        TrendChartInput trend when trend.Rounds is not null => TrendChart.Render(trend),
        _ => throw new ArgumentException($"No chart for {input.GetType().Name}", nameof(input)),
    };
}
