using System.Diagnostics;
using System.Globalization;
using AllianceBot.Trust;
using AllianceBot.Validity;

// dotnet run -c Release --project bench/AllianceBot.Validity -- [--alliances 600] [--seed 1] [--tradeoff] [--only alerts|reliability|readiness]
var alliances = 600;
var seed = 1;
var tradeoff = false;
string? only = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--alliances": alliances = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--tradeoff": tradeoff = true; break;
        case "--only": only = args[++i]; break;
        default: Console.Error.WriteLine($"Unknown argument {args[i]}"); return 2;
    }
}

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var clock = Stopwatch.StartNew();
var model = new Model();
var options = TrustOptions.Default;
int[] sizes = [8, 15, 40];
var runner = new Runner(model, alliances, seed);

Console.WriteLine($"Validity simulation: {alliances} alliances per cell, seed {seed}; answers SD {model.AnswerSd}, ICC {model.Icc}, monthly shock SD {model.ShockSd}, two partners (n split as evenly as possible), everyone invited answers.");
if (only is null or "alerts")
{
    Console.WriteLine();
    Console.WriteLine("### Goal: false alerts on stable alliances vs. detection of relational drops");
    Console.WriteLine();
    Console.WriteLine("Stable: 4 rounds in phase 2 then 12 in phase 3, both anchors true 3.8. Drops: 4 rounds in phase 2, 6 stable rounds in phase 3, then relational trust falls for good.");
    Console.WriteLine();
    Console.WriteLine("| n | stable: any manager alert within 12 rounds | 0.8 drop flagged within 3 rounds | 0.4 drop flagged within 6 rounds |");
    Console.WriteLine("|---|---|---|---|");
    var breakdown = new List<string>();
    foreach (var n in sizes)
    {
        var stable = runner.Stable(n, options);
        var big = runner.Drop(n, 0.8, 3, options);
        var small = runner.Drop(n, 0.4, 6, options);
        Console.WriteLine($"| {n} | {Pct(stable.Any)} | {Pct(big)} | {Pct(small)} |");
        breakdown.Add($"| {n} | {string.Join(" | ", Enum.GetValues<AlertKind>().Where(k => k != AlertKind.RelationalWatch).Select(k => Pct(stable.ByKind.GetValueOrDefault(k))))} |");
    }

    Console.WriteLine();
    Console.WriteLine("Stable alliances alerted within 12 rounds, by kind (an alliance can have several):");
    Console.WriteLine();
    Console.WriteLine($"| n | {string.Join(" | ", Enum.GetValues<AlertKind>().Where(k => k != AlertKind.RelationalWatch))} |");
    Console.WriteLine($"|---|{string.Concat(Enumerable.Repeat("---|", Enum.GetValues<AlertKind>().Length - 1))}");
    breakdown.ForEach(Console.WriteLine);

    Console.WriteLine();
    Console.WriteLine("### Minimal detectable drop: the stated size, and how often the fast rule finds a sudden drop of exactly that size in that round");
    Console.WriteLine();
    Console.WriteLine("| n | stated minimal detectable drop (median) | found in the round it happens |");
    Console.WriteLine("|---|---|---|");
    foreach (var n in sizes)
    {
        var (mdd, power) = runner.DetectableCheck(n, options);
        Console.WriteLine($"| {n} | {mdd:0.00} | {Pct(power)} |");
    }

    Console.WriteLine();
    Console.WriteLine("### Calculative trust in phase 3: one pooled 3-round rule (floor 3.0), and the fade from the phase-2 level");
    Console.WriteLine();
    Console.WriteLine("| n | true 3.5: floor alert within 12 rounds | true 3.3: floor alert within 12 | true 2.6: floor alert within 6 | fade 4.3 → 3.1: alerted within 3 phase-3 rounds |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var n in sizes)
    {
        Console.WriteLine($"| {n} | {Pct(runner.CalculativeLevel(n, 3.5, 12, options))} | {Pct(runner.CalculativeLevel(n, 3.3, 12, options))} | {Pct(runner.CalculativeLevel(n, 2.6, 6, options))} | {Pct(runner.Fade(n, options))} |");
    }

    Console.WriteLine();
    Console.WriteLine("### Partner asymmetry (partner B's answers 1.0 lower on both anchors; n = 8 has partner slices of 4, below k = 5, so nothing is shown or tested)");
    Console.WriteLine();
    Console.WriteLine("| n | alerted within 3 rounds | within 6 rounds |");
    Console.WriteLine("|---|---|---|");
    foreach (var n in sizes)
    {
        var (three, six) = runner.Asymmetry(n, 1.0, options);
        Console.WriteLine($"| {n} | {Pct(three)} | {Pct(six)} |");
    }

    Console.WriteLine();
    Console.WriteLine("### Position (phase 2, after r rounds of n people): how often each emphasis is stated");
    Console.WriteLine();
    Console.WriteLine("| truth | n × rounds | level | not clear yet | relational ahead | calculative ahead |");
    Console.WriteLine("|---|---|---|---|---|---|");
    foreach (var (balance, label) in new[] { (0.0, "level (both 3.8)"), (0.6, "relational ahead by 0.6") })
    {
        foreach (var (n, r) in new[] { (5, 1), (8, 1), (8, 3), (15, 3), (40, 3) })
        {
            var p = runner.Position(n, r, balance, options);
            Console.WriteLine($"| {label} | {n} × {r} | {Pct(p.GetValueOrDefault(MeasuredEmphasis.Level))} | {Pct(p.GetValueOrDefault(MeasuredEmphasis.Unclear))} | {Pct(p.GetValueOrDefault(MeasuredEmphasis.RelationalAhead))} | {Pct(p.GetValueOrDefault(MeasuredEmphasis.CalculativeAhead))} |");
        }
    }

}

if (only is null or "readiness")
{
    Console.WriteLine();
    Console.WriteLine($"### Readiness (phase 1 → 2): how often \"ready to move right\" is suggested after {options.Position.ReadyRounds} rounds (relational ≥ {options.Position.ReadyLevel} in each)");
    Console.WriteLine();
    double[] truths = [3.4, 3.6, 3.8, 4.0, 4.2];
    Console.WriteLine($"| n | {string.Join(" | ", truths.Select(t => $"true relational {t:0.0}"))} |");
    Console.WriteLine($"|---|{string.Concat(truths.Select(_ => "---|"))}");
    foreach (var n in new[] { 5, 8, 15, 40 })
    {
        Console.WriteLine($"| {n} | {string.Join(" | ", truths.Select(t => Pct(runner.Ready(n, t, options))))} |");
    }

    Console.WriteLine();
    Console.WriteLine($"Phase 2 → 3 (both anchors at the true level, ≥ {options.Position.ReadyLevel} in each of {options.Position.ReadyRounds} rounds) and sliding back (phase 2, relational < {options.Position.SlideBackLevel} in each):");
    Console.WriteLine();
    double[] levels = [3.4, 3.6, 3.8, 4.0, 4.2];
    double[] lows = [2.0, 2.2, 2.5, 2.8, 3.0];
    Console.WriteLine($"| n | {string.Join(" | ", levels.Select(t => $"ready, both {t:0.0}"))} | {string.Join(" | ", lows.Select(t => $"slide back, relational {t:0.0}"))} |");
    Console.WriteLine($"|---|{string.Concat(levels.Concat(lows).Select(_ => "---|"))}");
    foreach (var n in new[] { 5, 8, 15, 40 })
    {
        Console.WriteLine($"| {n} | {string.Join(" | ", levels.Select(t => Pct(runner.ReadyBoth(n, t, options))))} | {string.Join(" | ", lows.Select(t => Pct(runner.SlideBack(n, t, options))))} |");
    }
}

if (only is null or "reliability")
{
    Console.WriteLine();
    Console.WriteLine("### Reliability: Cronbach's α per dimension in one full round (every item, both anchors true 3.8)");
    Console.WriteLine();
    Console.WriteLine("| model | n | calculative α: median (10th–90th pct.) | relational α: median (10th–90th pct.) | point α < 0.7 in either | warned (95% upper bound < 0.7 in either) |");
    Console.WriteLine("|---|---|---|---|---|---|");
    var correlations = new List<string>();
    var reliabilityModels = new[]
    {
        (model, $"ICC {model.Icc}"),
        (model with { Icc = 0.1 }, "ICC 0.1 (items hang together loosely)"),
        (model with { CalculativeAnchorLoading = 0.3 }, $"ICC {model.Icc}, calculative anchor off its facets (loading 0.3)"),
    };
    foreach (var (alphaModel, label) in reliabilityModels)
    {
        foreach (var n in sizes)
        {
            var result = runner.Alphas(n, alphaModel);
            var below = result.CalculativeAlpha.Zip(result.RelationalAlpha).Count(p => p.First < options.Alerts.MinimumReliability || p.Second < options.Alerts.MinimumReliability) / (double)result.CalculativeAlpha.Length;
            Console.WriteLine($"| {label} | {n} | {Spread(result.CalculativeAlpha)} | {Spread(result.RelationalAlpha)} | {Pct(below)} | {Pct(result.Warned)} |");
            correlations.Add($"| {label} | {n} | {Spread(Defined(result.CalculativeR))} | {Spread(Defined(result.RelationalR))} | "
                + $"{Pct(Share(result.CalculativeR, v => v < 0.3))} | {Said(result.CalculativeAgreement)} | {Said(result.RelationalAgreement)} |");
        }
    }

    Console.WriteLine();
    Console.WriteLine("### Reliability: anchor–facet correlation per dimension in the same full rounds (anchor vs mean of the other items)");
    Console.WriteLine();
    Console.WriteLine("The drift card says \"weakly\" only when the 95% upper bound of r (Fisher's z) is below 0.3, \"agrees\" when the lower bound reaches 0.3, otherwise \"not clear yet\".");
    Console.WriteLine();
    Console.WriteLine("| model | n | calculative r: median (10th–90th pct.) | relational r: median (10th–90th pct.) | calculative point r < 0.3 | calculative said: weakly / not clear yet / agrees | relational said: weakly / not clear yet / agrees |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    correlations.ForEach(Console.WriteLine);
}

if (tradeoff)
{
    Console.WriteLine();
    Console.WriteLine("### Trade-off: EWMA limit L (and the fast rule's α)");
    Console.WriteLine();
    Console.WriteLine("| n | α | L | stable: any alert within 12 | 0.8 within 3 | 0.4 within 6 |");
    Console.WriteLine("|---|---|---|---|---|---|");
    foreach (var n in sizes)
    {
        foreach (var (alpha, limit) in new[] { (0.005, 1.8), (0.005, 2.0), (0.005, 2.2), (0.005, 2.4), (0.01, 2.0) })
        {
            var o = options with { Alerts = options.Alerts with { FastDropAlpha = alpha, EwmaLimit = limit } };
            Console.WriteLine($"| {n} | {alpha} | {limit:0.0} | {Pct(runner.Stable(n, o).Any)} | {Pct(runner.Drop(n, 0.8, 3, o))} | {Pct(runner.Drop(n, 0.4, 6, o))} |");
        }
    }
}

Console.WriteLine();
Console.WriteLine($"({clock.Elapsed.TotalSeconds:0} s)");
return 0;

static string Spread(double[] values)
{
    var sorted = values.Order().ToArray();
    double At(double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
    return string.Create(CultureInfo.InvariantCulture, $"{At(0.5):0.00} ({At(0.1):0.00}–{At(0.9):0.00})");
}

static double[] Defined(double[] values) => [.. values.Where(v => !double.IsNaN(v))];

// Shares of all alliances; an undefined r (no spread in a round) counts in none of them: the card then says nothing.
static double Share(double[] values, Func<double, bool> test) => values.Count(v => !double.IsNaN(v) && test(v)) / (double)values.Length;

static string Said(AnchorAgreement?[] said) =>
    string.Join(" / ", new[] { AnchorAgreement.Weak, AnchorAgreement.NotClearYet, AnchorAgreement.Clear }
        .Select(a => Pct(said.Count(s => s == a) / (double)said.Length)));

static string Pct(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
