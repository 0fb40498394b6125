using System.Diagnostics;
using AllianceBot.Trust.Statistics;
using MathNet.Numerics.Distributions;
using Xunit.Abstractions;

namespace AllianceBot.Trust.Tests;

/// <summary>
/// Seeded simulations of the EWMA rule. The design value they are checked against is computed independently, by a
/// time-inhomogeneous Markov chain (Brook–Evans style) over a fine grid of EWMA states with the same exact limits.
/// </summary>
public class EwmaSimulationTests(ITestOutputHelper output)
{
    private const double Lambda = 0.2;
    private const double L = 2.2;
    private const int Horizon = 24;

    [Fact]
    public void FalseAlarmRateOnStationaryDataMatchesItsDesignValue()
    {
        var design = MarkovSignalProbability(shift: 0, Horizon);
        var watch = Stopwatch.StartNew();
        const int runs = 20_000;
        var random = new Random(20260127);
        var alarms = 0;
        for (var run = 0; run < runs; run++)
            if (Ewma.Lower(Normals(random, Horizon, 0), Lambda, L).Any(p => p.Signal)) alarms++;
        var observed = (double)alarms / runs;

        // Tolerance: 4 binomial standard errors of the simulation plus 0.005 for the grid of the Markov chain.
        var tolerance = 4 * Math.Sqrt(design * (1 - design) / runs) + 0.005;
        output.WriteLine($"P(false alarm within {Horizon} rounds): design {design:F4}, simulated {observed:F4}, tolerance ±{tolerance:F4}, {watch.ElapsedMilliseconds} ms");
        Assert.InRange(observed, design - tolerance, design + tolerance);
    }

    [Fact]
    public void SustainedDropOfOneAndAHalfStandardErrorsIsCaughtWithinAFewRounds()
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(7);
        const int runs = 5_000;
        var delays = new List<int>();
        for (var run = 0; run < runs; run++)
        {
            var first = Ewma.Lower(Normals(random, 40, -1.5), Lambda, L).FirstOrDefault(p => p.Signal);
            delays.Add(first?.Index ?? int.MaxValue);
        }

        delays.Sort();
        var median = delays[runs / 2];
        var p90 = delays[runs * 9 / 10];
        var withinFive = delays.Count(d => d <= 5) / (double)runs;
        var designWithinFive = 1 - (1 - MarkovSignalProbability(shift: -1.5, 5));
        var elapsed = watch.Elapsed;
        output.WriteLine($"Shift −1.5 SE: median delay {median}, 90th percentile {p90}, P(≤5 rounds) simulated {withinFive:F3}, Markov {designWithinFive:F3}, {elapsed.TotalMilliseconds:F0} ms");
        Assert.True(median <= 4, $"median delay {median}");
        Assert.True(p90 <= 7, $"90th percentile delay {p90}");
        Assert.InRange(withinFive, designWithinFive - 0.03, designWithinFive + 0.03);
    }

    [Fact]
    public void TheMarkovReferenceAgreesWithTheClosedFormFirstStep()
    {
        // After one round the EWMA is λz, so P(signal at t=1) = Φ(limit₁/λ) exactly; the chain must reproduce it.
        var exact = Normal.CDF(0, 1, Ewma.LowerLimit(1, Lambda, L) / Lambda);
        Assert.Equal(exact, MarkovSignalProbability(0, 1), 4);
    }

    /// <summary>P(the chart signals within <paramref name="horizon"/> rounds) when z ~ N(shift, 1).</summary>
    private static double MarkovSignalProbability(double shift, int horizon)
    {
        const int cells = 300;
        const double upper = 2.0; // ≈ 6 steady-state SDs of the EWMA above 0: mass above is negligible.
        var centers = new[] { 0.0 };
        var mass = new[] { 1.0 };
        var absorbed = 0.0;
        for (var t = 1; t <= horizon; t++)
        {
            var lower = Ewma.LowerLimit(t, Lambda, L);
            var width = (upper - lower) / cells;
            var next = new double[cells];
            for (var i = 0; i < centers.Length; i++)
            {
                if (mass[i] == 0) continue;
                var carry = (1 - Lambda) * centers[i];
                double Cdf(double e) => Normal.CDF(shift, 1, (e - carry) / Lambda);
                absorbed += mass[i] * Cdf(lower);
                var previous = Cdf(lower);
                for (var j = 0; j < cells; j++)
                {
                    var current = Cdf(lower + (j + 1) * width);
                    next[j] += mass[i] * (current - previous);
                    previous = current;
                }
            }

            centers = Enumerable.Range(0, cells).Select(j => lower + (j + 0.5) * width).ToArray();
            mass = next;
        }

        return absorbed;
    }

    private static IEnumerable<double> Normals(Random random, int count, double mean)
    {
        for (var i = 0; i < count; i++)
        {
            // Box–Muller: the test's own generator, independent of the code under test.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            yield return mean + Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }
}
