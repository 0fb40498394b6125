using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static AllianceBot.Trust.Tests.Build;

namespace AllianceBot.Trust.Tests;

/// <summary>Properties that must hold for every round, checked with FsCheck on generated rounds.</summary>
public class PropertyTests
{
    /// <summary>A respondent: partner, and each anchor answered (1–5) or skipped (0).</summary>
    public sealed record Respondent(string Partner, int Calc, int Rel);

    public sealed record Case(Respondent[] People, int K, Respondent Extra);

    private static readonly Gen<Respondent> Person =
        from partner in Gen.Frequency((6, Gen.Constant("A")), (3, Gen.Constant("B")), (2, Gen.Constant("C")), (1, Gen.Constant("D")))
        from calc in Gen.Frequency((9, Gen.Choose(1, 5)), (1, Gen.Constant(0)))
        from rel in Gen.Frequency((9, Gen.Choose(1, 5)), (1, Gen.Constant(0)))
        select new Respondent(partner, calc, rel);

    private static readonly Arbitrary<Case> Cases =
        (from n in Gen.Choose(0, 40)
         from people in Gen.ArrayOf(Person, n)
         from k in Gen.Choose(AnonymityOptions.LowestK, AnonymityOptions.HighestK)
         from extra in Person
         select new Case(people, k, extra)).ToArbitrary();

    private static RoundData ToRound(IEnumerable<Respondent> people)
    {
        var answers = new List<Answer>();
        var i = 0;
        foreach (var p in people)
        {
            i++;
            if (p.Calc > 0) answers.Add(new Answer($"r{i}", p.Partner, CalcAnchor, p.Calc));
            if (p.Rel > 0) answers.Add(new Answer($"r{i}", p.Partner, RelAnchor, p.Rel));
        }

        return new RoundData("round", Start, Math.Max(i, 1), answers);
    }

    private static AnonymityOptions Options(int k) => new() { MinRespondents = k, MinComments = Math.Max(10, k) };

    [Property(MaxTest = 300)]
    public Property ScoresStayOnTheScale() => Prop.ForAll(Cases, c =>
    {
        var score = RoundScorer.Score(ToRound(c.People), Bank);
        var scores = new[] { score.Calculative, score.Relational }
            .Concat(score.Partners.SelectMany(p => new[] { p.Calculative, p.Relational }))
            .OfType<DimensionScore>().ToList();
        return scores.All(s => s.Mean is >= 1 and <= 5
                               && (s.Interval is null || (s.Interval.Low >= 1 && s.Interval.High <= 5 && s.Interval.Low <= s.Mean && s.Mean <= s.Interval.High)));
    });

    [Property(MaxTest = 300)]
    public Property BalanceIsAntisymmetricInSwappingTheDimensions() => Prop.ForAll(Cases, c =>
    {
        var score = RoundScorer.Score(ToRound(c.People), Bank);
        var swapped = RoundScorer.Score(ToRound(c.People.Select(p => p with { Calc = p.Rel, Rel = p.Calc })), Bank);
        return Same(score.Balance, Negate(swapped.Balance))
               && score.Partners.Zip(swapped.Partners).All(x => Same(x.First.Balance, Negate(x.Second.Balance)))
               && Same(score.Calculative?.Mean, swapped.Relational?.Mean);
    });

    [Property(MaxTest = 500)]
    public Property NoSliceBelowKIsRevealedEvenBySubtraction() => Prop.ForAll(Cases, c =>
        Safe(Disclosure.Apply(RoundScorer.Score(ToRound(c.People), Bank), Options(c.K)), RoundScorer.Score(ToRound(c.People), Bank), c.K));

    [Property(MaxTest = 500)]
    public Property AddingAnAnswerNeverMakesAnIndividualInferable() => Prop.ForAll(Cases, c =>
    {
        var after = RoundScorer.Score(ToRound([.. c.People, c.Extra]), Bank);
        return Safe(Disclosure.Apply(after, Options(c.K)), after, c.K);
    });

    [Property(MaxTest = 300)]
    public Property WhatIsShownDependsOnCountsNeverOnValues() => Prop.ForAll(Cases, c =>
    {
        var original = Disclosure.Apply(RoundScorer.Score(ToRound(c.People), Bank), Options(c.K));
        var flipped = Disclosure.Apply(RoundScorer.Score(ToRound(c.People.Select(p => p with
        {
            Calc = p.Calc == 0 ? 0 : 6 - p.Calc,
            Rel = p.Rel == 0 ? 0 : 6 - p.Rel,
        })), Bank), Options(c.K));
        return Pattern(original) == Pattern(flipped);
    });

    [Property(MaxTest = 500)]
    public Property TheSliceRuleHoldsForAnyCounts() => Prop.ForAll(
        (from counts in Gen.ArrayOf(Gen.Choose(0, 30), 5) from k in Gen.Choose(3, 25) select (counts, k)).ToArbitrary(),
        x =>
        {
            var slices = x.counts.Select((n, i) => (Id: $"P{i}", N: n)).ToDictionary(s => s.Id, s => s.N);
            var total = x.counts.Sum();
            var decision = Disclosure.Decide(total, slices, x.k);
            var hiddenSum = decision.Hidden.Sum(id => slices[id]);
            return decision.Visible.All(id => slices[id] >= x.k)
                   && (decision.TotalVisible ? hiddenSum == 0 || hiddenSum >= x.k : decision.Visible.Count == 0)
                   && decision.TotalVisible == (total >= x.k);
        });

    /// <summary>Every shown number stands on at least k people, and the hidden slices together hold none or at least k.</summary>
    private static bool Safe(DisclosedRound disclosed, RoundScore score, int k)
    {
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            DimensionScore? Of(PartnerScore p) => dimension == Dimension.Calculative ? p.Calculative : p.Relational;
            DimensionScore? Shown(DisclosedPartner p) => dimension == Dimension.Calculative ? p.Calculative : p.Relational;
            var overall = dimension == Dimension.Calculative ? disclosed.Calculative : disclosed.Relational;
            if (overall is not null && overall.N < k) return false;
            if (overall is null && disclosed.Partners.Any(p => Shown(p) is not null)) return false;
            if (disclosed.Partners.Any(p => Shown(p) is { } s && s.N < k)) return false;
            if (overall is null) continue;
            var hidden = score.Partners.Where(p => Shown(disclosed.Partners.Single(d => d.PartnerId == p.PartnerId)) is null).Sum(p => Of(p)?.N ?? 0);
            if (hidden > 0 && hidden < k) return false;
        }

        return disclosed.Partners.All(p => p.Respondents is null || p.Respondents >= k);
    }

    private static string Pattern(DisclosedRound d) =>
        $"{d.Calculative is null}{d.Relational is null}" + string.Concat(d.Partners.Select(p => $"{p.PartnerId}{p.Hidden}{p.Calculative is null}{p.Relational is null}{p.Respondents}"));

    private static double? Negate(double? value) => value is { } v ? -v : null;

    private static bool Same(double? a, double? b) => a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) < 1e-9;
}
