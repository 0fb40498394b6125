namespace AllianceBot.Trust.Tests;

/// <summary>Builds rounds the way the scheduler hands them over: one respondent = one answer per anchor.</summary>
internal static class Build
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly ItemBank Bank = ItemBank.Default;
    public static readonly string CalcAnchor = Bank.Anchor(Dimension.Calculative).Id;
    public static readonly string RelAnchor = Bank.Anchor(Dimension.Relational).Id;

    /// <summary>A person: their partner organisation and their two anchor answers.</summary>
    public readonly record struct Person(string Partner, int Calc, int Rel);

    public static Person P(string partner, int calc, int rel) => new(partner, calc, rel);

    /// <summary>A round closed <paramref name="month"/> months after <see cref="Start"/>.</summary>
    public static RoundData Round(int month, IEnumerable<Person> people, int? invited = null, int comments = 0, string? id = null)
    {
        var list = people.ToList();
        var answers = list.SelectMany((p, i) => new[]
        {
            new Answer($"m{month}-r{i}", p.Partner, CalcAnchor, p.Calc),
            new Answer($"m{month}-r{i}", p.Partner, RelAnchor, p.Rel),
        }).ToList();
        return new RoundData(id ?? $"round-{month}", Start.AddMonths(month).AddDays(20), invited ?? list.Count, answers, comments);
    }

    /// <summary>A round where everyone of partner "A" gives the listed relational answers and calculative <paramref name="calc"/>.</summary>
    public static RoundData Round(int month, int calc, params int[] relational) =>
        Round(month, relational.Select(r => P("A", calc, r)));

    /// <summary>n people per partner, calc and rel answers cycling through the given values.</summary>
    public static IEnumerable<Person> Group(string partner, int n, int[] calc, int[] rel) =>
        Enumerable.Range(0, n).Select(i => P(partner, calc[i % calc.Length], rel[i % rel.Length]));

    public static PhaseHistory Phase(Phase phase) => PhaseHistory.Starting(phase, Start);

    public static HealthReport Check(Phase phase, IEnumerable<RoundData> rounds, Language language = default, TrustOptions? options = null) =>
        HealthCheck.Evaluate(Phase(phase), rounds.ToList(), options ?? TrustOptions.Default, language);
}
