using ScottPlot;

namespace AllianceBot.Bot.Charts;

/// <summary>Shared look: white background, Teams-like greys, fonts large enough to read when Teams scales the PNG down.</summary>
internal static class ChartStyle
{
    public static void Apply(Plot plot)
    {
        // Picks an installed font that has the glyphs we use (é, –, ▲) instead of assuming one by name.
        plot.Font.Automatic();
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Axes.Color(Color.FromHex("#424242"));
        plot.Grid.MajorLineColor = Color.FromHex("#EDEBE9");
        plot.Axes.Bottom.TickLabelStyle.FontSize = 15;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
    }
}
