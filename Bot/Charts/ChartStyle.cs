using ScottPlot;

namespace AllianceBot.Bot.Charts;

/// <summary>Shared look: white background, Teams-like greys, fonts large enough to read when Teams scales the PNG down.</summary>
internal static class ChartStyle
{
    /// <summary>The first installed sans-serif of Teams' font stack; DejaVu Sans on a bare Debian machine.</summary>
    private static readonly string SansFont = new[] { "Segoe UI", "Selawik", "Open Sans", "Noto Sans", "Liberation Sans", "DejaVu Sans" }
        .FirstOrDefault(name => string.Equals(SkiaSharp.SKFontManager.Default.MatchFamily(name)?.FamilyName, name, StringComparison.OrdinalIgnoreCase))
        ?? Fonts.Default;

    public static void Apply(Plot plot)
    {
        plot.Font.Set(SansFont);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Axes.Color(Color.FromHex("#424242"));
        plot.Grid.MajorLineColor = Color.FromHex("#EDEBE9");
        plot.Axes.Bottom.TickLabelStyle.FontSize = 15;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
    }
}
