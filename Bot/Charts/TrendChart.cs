using ScottPlot;
using ScottPlot.TickGenerators;

namespace AllianceBot.Bot.Charts;

/// <summary>Draws the two anchors (calculative, relational) per round on the 1–5 scale.</summary>
internal static class TrendChart
{
    public const int Width = 900;
    public const int Height = 440;

    private static readonly Color CalculativeColor = Color.FromHex("#5B5FC7");
    private static readonly Color RelationalColor = Color.FromHex("#0E7A0B");

    public static byte[] Render(TrendChartInput input)
    {
        var texts = ChartTexts.For(input.Language);
        var plot = new Plot();
        ChartStyle.Apply(plot);

        Series(plot, input.Rounds.Select(r => r.Calculative).ToList(), CalculativeColor, texts.Calculative, MarkerShape.FilledSquare);
        Series(plot, input.Rounds.Select(r => r.Relational).ToList(), RelationalColor, texts.Relational, MarkerShape.FilledCircle);

        var ticks = new NumericManual();
        for (var i = 0; i < input.Rounds.Count; i++)
        {
            ticks.AddMajor(i, input.Rounds[i].Label);
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        var left = new NumericManual();
        for (var score = 1; score <= 5; score++)
        {
            left.AddMajor(score, score.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        plot.Axes.Left.TickGenerator = left;
        plot.Axes.SetLimits(-0.4, Math.Max(1, input.Rounds.Count - 1) + 0.4, 0.8, 5.2);
        plot.YLabel(texts.ScoreAxis, 15);
        plot.Title(input.AllianceName is { Length: > 0 } name ? string.Format(System.Globalization.CultureInfo.InvariantCulture, texts.TrendTitleFor, name) : texts.TrendTitle, 20);
        plot.ShowLegend(Alignment.LowerLeft);
        plot.Legend.FontSize = 14;
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Suppressed rounds (null) break the line instead of being drawn as zero or bridged.</summary>
    private static void Series(Plot plot, IReadOnlyList<double?> values, Color color, string name, MarkerShape shape)
    {
        var legendDone = false;
        var run = new List<(double X, double Y)>();
        void Flush()
        {
            if (run.Count == 0)
            {
                return;
            }

            var scatter = plot.Add.Scatter(run.Select(p => p.X).ToArray(), run.Select(p => p.Y).ToArray());
            scatter.Color = color;
            scatter.LineWidth = 3;
            scatter.MarkerSize = 10;
            scatter.MarkerShape = shape;
            if (!legendDone)
            {
                scatter.LegendText = name;
                legendDone = true;
            }

            run.Clear();
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v)
            {
                run.Add((i, v));
            }
            else
            {
                Flush();
            }
        }

        Flush();
    }
}
