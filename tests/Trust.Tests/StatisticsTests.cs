using AllianceBot.Trust.Statistics;
using MathNetSpecial = MathNet.Numerics.SpecialFunctions;
using MathNetT = MathNet.Numerics.Distributions.StudentT;

namespace AllianceBot.Trust.Tests;

/// <summary>Our own special functions against MathNet.Numerics and printed t-tables, never against our own output.</summary>
public class StatisticsTests
{
    public static TheoryData<double, double> TGrid()
    {
        var data = new TheoryData<double, double>();
        foreach (var df in new[] { 1, 1.5, 2, 3, 4.7, 5, 10, 29.3, 30, 120, 1000 })
        foreach (var t in new[] { -40, -6.5, -3.1, -2, -1, -0.25, 0, 0.4, 1.3, 2.2, 4, 12 })
            data.Add(t, df);
        return data;
    }

    [Theory]
    [MemberData(nameof(TGrid))]
    public void StudentTCdfMatchesMathNet(double t, double df) =>
        Assert.Equal(MathNetT.CDF(0, 1, df, t), StudentT.Cdf(t, df), 1e-11);

    [Theory]
    [InlineData(0.975, 10)]
    [InlineData(0.99, 5)]
    [InlineData(0.995, 1)]
    [InlineData(0.8, 17.4)]
    [InlineData(0.01, 6.685)]
    [InlineData(0.5, 3)]
    public void StudentTQuantileMatchesMathNet(double p, double df) =>
        Assert.Equal(MathNetT.InvCDF(0, 1, df, p), StudentT.Quantile(p, df), 1e-8);

    [Theory]
    // Two-sided critical values from a printed t-table (3 decimals).
    [InlineData(0.975, 1, 12.706)]
    [InlineData(0.975, 10, 2.228)]
    [InlineData(0.975, 30, 2.042)]
    [InlineData(0.99, 5, 3.365)]
    [InlineData(0.995, 20, 2.845)]
    [InlineData(0.95, 120, 1.658)]
    public void StudentTQuantileMatchesPrintedTables(double p, double df, double table) =>
        Assert.Equal(table, StudentT.Quantile(p, df), 3);

    [Theory]
    [InlineData(0.5, 0.5, 0.3)]
    [InlineData(2, 3, 0.4)]
    [InlineData(15, 0.5, 0.97)]
    [InlineData(0.5, 15, 0.02)]
    [InlineData(200, 300, 0.41)]
    [InlineData(1, 1, 0.77)]
    public void IncompleteBetaMatchesMathNet(double a, double b, double x) =>
        Assert.Equal(MathNetSpecial.BetaRegularized(a, b, x), SpecialFunctions.RegularizedIncompleteBeta(a, b, x), 1e-12);

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(3.7)]
    [InlineData(50)]
    [InlineData(1e5)]
    public void LogGammaMatchesMathNet(double x) =>
        Assert.Equal(MathNetSpecial.GammaLn(x), SpecialFunctions.LogGamma(x), 1e-9 * Math.Max(1, Math.Abs(MathNetSpecial.GammaLn(x))));

    [Fact]
    public void WelchTestMatchesAHandComputedExample()
    {
        // Current {3,4,5,4,3}: mean 3.8, variance 2.8/4 = 0.7. Baseline {4,5,5,4,5,4}: mean 4.5, variance 1.5/5 = 0.3.
        // se² = 0.7/5 + 0.3/6 = 0.14 + 0.05 = 0.19; t = −0.7/√0.19 = −1.605910...;
        // df = 0.19² / (0.14²/4 + 0.05²/5) = 0.0361 / 0.0054 = 6.685185...
        var test = WelchTest.Lower(Summary.Of([3.0, 4, 5, 4, 3]), Summary.Of([4.0, 5, 5, 4, 5, 4]));

        Assert.Equal(-0.7, test.Difference, 12);
        Assert.Equal(-0.7 / Math.Sqrt(0.19), test.T, 12);
        Assert.Equal(0.0361 / 0.0054, test.DegreesOfFreedom, 10);
        Assert.Equal(MathNetT.CDF(0, 1, 0.0361 / 0.0054, -0.7 / Math.Sqrt(0.19)), test.OneSidedP, 12);
        Assert.InRange(test.OneSidedP, 0.07, 0.08);
        var half = MathNetT.InvCDF(0, 1, 0.0361 / 0.0054, 0.975) * Math.Sqrt(0.19);
        Assert.Equal(-0.7 - half, test.DifferenceInterval.Low, 8);
        Assert.Equal(-0.7 + half, test.DifferenceInterval.High, 8);
    }

    [Fact]
    public void WelchTestOnASecondHandExampleWithUnequalSizes()
    {
        // Current {1,2,2,3}: mean 2, var 2/3. Baseline {4,4,5,5,4,4,5,5}: mean 4.5, var 2/7.
        // se² = (2/3)/4 + (2/7)/8 = 1/6 + 1/28 = 17/84; t = −2.5/√(17/84) = −5.557...;
        // df = (17/84)² / ((1/6)²/3 + (1/28)²/7) = 0.040958 / (0.0092593 + 0.00018222) = 4.33797...
        var test = WelchTest.Lower(Summary.Of([1.0, 2, 2, 3]), Summary.Of([4.0, 4, 5, 5, 4, 4, 5, 5]));
        var se2 = 17.0 / 84;
        var df = se2 * se2 / (1.0 / 36 / 3 + 1.0 / 784 / 7);

        Assert.Equal(-2.5 / Math.Sqrt(se2), test.T, 10);
        Assert.Equal(df, test.DegreesOfFreedom, 10);
        Assert.Equal(4.338, test.DegreesOfFreedom, 3);
        Assert.Equal(MathNetT.CDF(0, 1, df, -2.5 / Math.Sqrt(se2)), test.OneSidedP, 12);
        Assert.True(test.OneSidedP < 0.01);
    }

    [Fact]
    public void WelchTestWithConstantSamplesIsExact()
    {
        var drop = WelchTest.Lower(Summary.Of([3.0, 3, 3]), Summary.Of([4.0, 4, 4, 4]));
        var same = WelchTest.Lower(Summary.Of([4.0, 4, 4]), Summary.Of([4.0, 4, 4, 4]));

        Assert.Equal(0, drop.OneSidedP);
        Assert.Equal(0.5, same.OneSidedP);
    }

    [Fact]
    public void SummaryIntervalUsesTheStudentTQuantile()
    {
        double[] values = [2, 3, 3, 4, 5, 4];
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / 5);
        var half = MathNetT.InvCDF(0, 1, 5, 0.975) * sd / Math.Sqrt(6);

        var summary = Summary.Of(values);

        Assert.Equal(sd, summary.StandardDeviation!.Value, 12);
        Assert.Equal(mean - half, summary.Interval!.Low, 9);
        Assert.Equal(mean + half, summary.Interval.High, 9);
    }

    [Fact]
    public void EwmaFollowsItsRecursionAndExactLimits()
    {
        var points = Ewma.Lower([-1.0, -2, 0.5], 0.2, 2.2);

        Assert.Equal(-0.2, points[0].Statistic, 12);
        Assert.Equal(0.2 * -2 + 0.8 * -0.2, points[1].Statistic, 12);
        Assert.Equal(0.2 * 0.5 + 0.8 * points[1].Statistic, points[2].Statistic, 12);
        // t = 1: −L·√(λ/(2−λ)·(1 − (1−λ)²)) = −2.2·√(0.2/1.8·0.36) = −2.2·0.2 = −0.44.
        Assert.Equal(-0.44, points[0].LowerLimit, 12);
        Assert.Equal(-2.2 * Math.Sqrt(0.2 / 1.8), Ewma.LowerLimit(500, 0.2, 2.2), 12);
        Assert.DoesNotContain(points, p => p.Signal);
        Assert.True(Ewma.Lower([-2.5], 0.2, 2.2)[0].Signal);
    }

    [Fact]
    public void AnEstimatedReferenceMeanWidensTheLimitByItsSharedError()
    {
        // t = 1, r = 1/3: Var(E₁) = λ² + r·λ² = 0.04 + 0.04/3; t → ∞: λ/(2−λ) + r.
        Assert.Equal(-2.2 * Math.Sqrt(0.04 + 0.04 / 3), Ewma.LowerLimit(1, 0.2, 2.2, 1.0 / 3), 12);
        Assert.Equal(-2.2 * Math.Sqrt(0.2 / 1.8 + 0.25), Ewma.LowerLimit(400, 0.2, 2.2, 0.25), 12);
    }
}

public class StudentTDensityTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1.7, 3.3)]
    [InlineData(-4, 12)]
    public void PdfMatchesMathNet(double t, double df) =>
        Assert.Equal(MathNet.Numerics.Distributions.StudentT.PDF(0, 1, df, t), AllianceBot.Trust.Statistics.StudentT.Pdf(t, df), 1e-12);
}
