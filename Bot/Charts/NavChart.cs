using ScottPlot;
using ScottPlot.TickGenerators;

namespace AllianceBot.Bot.Charts;

/// <summary>
/// Draws the NAV-model picture: the three phases left to right, the dotted line of zero balance between relational
/// emphasis (above) and calculative emphasis (below), the course the model intends, the alliance's measured course and
/// a "you are here" marker.
/// </summary>
internal static class NavChart
{
    public const int Width = 1000;
    public const int Height = 620;

    /// <summary>
    /// The model's intended emphasis per phase as control points (position, balance): relational ahead while getting
    /// acquainted, calculative ahead or level in confirmation, relational ahead again in execution without calculative
    /// trust falling away. Shape only: the seed's figure has no numbers.
    /// </summary>
    private static readonly (double X, double Y)[] Intended =
        [(1.0, 0.2), (1.5, 0.9), (2.05, 0.0), (2.5, -0.6), (2.95, 0.0), (3.5, 0.7), (4.0, 0.6)];

    private static readonly Color RelationalBand = Color.FromHex("#E9F5E8");
    private static readonly Color CalculativeBand = Color.FromHex("#E8EBFA");
    private static readonly Color IntendedColor = Color.FromHex("#8A8886");
    private static readonly Color MeasuredColor = Color.FromHex("#5B5FC7");
    private static readonly Color HereColor = Color.FromHex("#C4314B");

    public static byte[] Render(NavChartInput input)
    {
        var texts = ChartTexts.For(input.Language);
        var plot = new Plot();
        ChartStyle.Apply(plot);

        var points = input.ModelOnly ? [] : input.Course.Append(input.Current).ToList();
        var extent = Math.Clamp(points.Select(p => Math.Abs(p.Balance)).DefaultIfEmpty(0).Max() + 0.6, 1.5, 4.2);

        // Above the dotted line: relational emphasis; below: calculative emphasis.
        var above = plot.Add.VerticalSpan(0, extent);
        above.FillStyle.Color = RelationalBand;
        above.LineStyle.Width = 0;
        var below = plot.Add.VerticalSpan(-extent, 0);
        below.FillStyle.Color = CalculativeBand;
        below.LineStyle.Width = 0;

        foreach (var boundary in new[] { 2.0, 3.0 })
        {
            var line = plot.Add.VerticalLine(boundary);
            line.Color = Color.FromHex("#C8C6C4");
            line.LineWidth = 1.5f;
        }

        var zero = plot.Add.HorizontalLine(0);
        zero.LinePattern = LinePattern.Dotted;
        zero.LineWidth = 2.5f;
        zero.Color = Color.FromHex("#424242");

        Label(plot, "▲ " + texts.RelationalEmphasis, 1.03, extent - 0.12, Alignment.UpperLeft, Color.FromHex("#0E7A0B"));
        Label(plot, "▼ " + texts.CalculativeEmphasis, 1.03, -extent + 0.12, Alignment.LowerLeft, Color.FromHex("#4F52B2"));

        var (ix, iy) = Smooth(Intended);
        var intended = plot.Add.ScatterLine(ix, iy);
        intended.Color = IntendedColor;
        intended.LineWidth = 3;
        intended.LinePattern = LinePattern.Dashed;
        intended.LegendText = texts.IntendedCourse;

        if (!input.ModelOnly)
        {
            Measured(plot, input, points, texts);
        }

        var ticks = new NumericManual();
        for (var phase = 0; phase < 3; phase++)
        {
            ticks.AddMajor(phase + 1.5, texts.Phases[phase]);
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        var balanceTicks = new NumericManual();
        for (var y = -Math.Floor(extent * 2) / 2; y <= extent; y += 0.5)
        {
            balanceTicks.AddMajor(y, y.ToString(y == Math.Floor(y) ? "+0;−0;0" : "+0.0;−0.0;0", ChartTexts.Culture(input.Language)));
        }

        plot.Axes.Left.TickGenerator = balanceTicks;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(1, 4, -extent, extent);
        plot.YLabel(texts.BalanceAxis, 16);
        plot.Title(input.ModelOnly ? texts.ModelTitle : input.AllianceName is { Length: > 0 } name ? string.Format(System.Globalization.CultureInfo.InvariantCulture, texts.NavTitleFor, name) : texts.NavTitle, 22);
        plot.ShowLegend(Alignment.LowerRight);
        plot.Legend.FontSize = 14;

        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>The alliance's measured course, its month labels and the "you are here" marker.</summary>
    private static void Measured(Plot plot, NavChartInput input, List<NavCoursePoint> points, ChartTexts texts)
    {
        var measured = plot.Add.Scatter(points.Select(p => Clamp(p.Position)).ToArray(), points.Select(p => p.Balance).ToArray());
        measured.Color = MeasuredColor;
        measured.LineWidth = 3;
        measured.MarkerSize = 9;
        measured.LegendText = texts.MeasuredCourse;
        foreach (var point in input.Course.Where(p => !string.IsNullOrWhiteSpace(p.Label)))
        {
            var label = plot.Add.Text(point.Label!, Clamp(point.Position), point.Balance);
            label.LabelFontSize = 13;
            label.LabelFontColor = Color.FromHex("#616161");
            label.LabelAlignment = Alignment.LowerCenter;
            label.OffsetY = -8;
        }

        var here = plot.Add.Marker(Clamp(input.Current.Position), input.Current.Balance, MarkerShape.FilledCircle, 22);
        here.Color = HereColor;
        here.LegendText = texts.YouAreHere;
        var callout = plot.Add.Text(texts.YouAreHere, Clamp(input.Current.Position), input.Current.Balance);
        callout.LabelFontSize = 17;
        callout.LabelBold = true;
        callout.LabelFontColor = Colors.White;
        callout.LabelBackgroundColor = HereColor;
        callout.LabelBorderRadius = 4;
        callout.LabelPadding = 6;
        callout.LabelAlignment = input.Current.Balance >= 0 ? Alignment.UpperCenter : Alignment.LowerCenter;
        callout.OffsetY = input.Current.Balance >= 0 ? 18 : -18;
    }

    private static double Clamp(double position) => Math.Clamp(position, 1.0, 4.0);

    private static void Label(Plot plot, string text, double x, double y, Alignment alignment, Color color)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontSize = 15;
        label.LabelBold = true;
        label.LabelFontColor = color;
        label.LabelAlignment = alignment;
    }

    /// <summary>Cosine interpolation between control points: a smooth course that never overshoots them.</summary>
    private static (double[] X, double[] Y) Smooth((double X, double Y)[] control)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < control.Length - 1; i++)
        {
            var (x0, y0) = control[i];
            var (x1, y1) = control[i + 1];
            for (var step = 0; step < 20; step++)
            {
                var t = step / 20.0;
                var eased = (1 - Math.Cos(t * Math.PI)) / 2;
                xs.Add(x0 + ((x1 - x0) * t));
                ys.Add(y0 + ((y1 - y0) * eased));
            }
        }

        xs.Add(control[^1].X);
        ys.Add(control[^1].Y);
        return (xs.ToArray(), ys.ToArray());
    }
}
