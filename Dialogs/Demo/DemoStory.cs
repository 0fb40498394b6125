using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Demo;

/// <summary>One simulated person of the demo alliance.</summary>
public sealed record DemoPerson(int Number, int PartnerIndex, string DisplayName, double Offset, bool IsManager);

/// <summary>
/// The demo alliance's 18 months, as pure data: two fictional companies, seven simulated people on each side, and
/// anchor levels per month that tell the NAV-model's story — relational emphasis while getting acquainted, a
/// calculative side left behind in confirmation (the Dell/Getronics pattern), and a relational dip in execution.
/// Seeded, so every demo alliance has the same history and the screenshots and tests can rely on it.
/// </summary>
public static class DemoStory
{
    public const int Months = 18;
    public const int PeoplePerPartner = 7;

    /// <summary>The month (0-based) in which the managers declared confirmation, and execution.</summary>
    public const int ConfirmationFrom = 5;

    public const int ExecutionFrom = 12;

    public static readonly IReadOnlyList<string> PartnerNames = ["Fabrikam", "Contoso"];

    /// <summary>Fictional companies (Microsoft's own sample names), marked as a demo in the name as well as in is_demo.</summary>
    public const string AllianceName = "Fabrikam – Contoso (demo)";

    // Target means of the two anchors, month by month (1–5 scale).
    private static readonly double[] Calculative = [2.9, 3.0, 3.0, 3.1, 3.0, 3.0, 3.1, 3.0, 3.1, 3.2, 3.2, 3.3, 3.6, 3.7, 3.7, 3.6, 3.6, 3.5];
    private static readonly double[] Relational = [3.7, 3.8, 4.0, 4.1, 4.1, 4.1, 4.2, 4.1, 4.1, 4.2, 4.0, 4.0, 4.1, 4.1, 4.0, 3.8, 3.4, 3.1];

    private const int Seed = 20_240_301;
    private const double AnswerNoise = 0.6;
    private const double AnswerRate = 0.86;

    public static Phase PhaseOf(int month) =>
        month >= ExecutionFrom ? Phase.Execution : month >= ConfirmationFrom ? Phase.Confirmation : Phase.GettingAcquainted;

    public static (double Calculative, double Relational) Levels(int month) => (Calculative[month], Relational[month]);

    /// <summary>The simulated people: per partner one manager and six members, each with a lasting personal lean.</summary>
    public static IReadOnlyList<DemoPerson> People()
    {
        var random = new Random(Seed);
        var people = new List<DemoPerson>();
        for (var partner = 0; partner < PartnerNames.Count; partner++)
        {
            for (var i = 1; i <= PeoplePerPartner; i++)
            {
                var offset = Math.Round(Normal(random) * 0.35, 2);
                people.Add(new DemoPerson(people.Count + 1, partner, $"{PartnerNames[partner]} demo {i}", offset, IsManager: i == 1));
            }
        }

        return people;
    }

    /// <summary>
    /// Who answered in <paramref name="month"/> and what: item id → 1..5 per person who answered (about 86 % do).
    /// Anchors and rotating items follow their dimension's level plus the person's lean and noise.
    /// </summary>
    public static IReadOnlyDictionary<int, IReadOnlyDictionary<string, int>> Answers(int month, IReadOnlyList<DemoPerson> people, IReadOnlyList<TrustItem> items)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(month);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(month, Months);
        var random = new Random(Seed + (month * 7919));
        var (calculative, relational) = Levels(month);
        var answers = new Dictionary<int, IReadOnlyDictionary<string, int>>();
        foreach (var person in people)
        {
            if (random.NextDouble() > AnswerRate)
            {
                continue;
            }

            var given = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var level = item.Dimension == Dimension.Calculative ? calculative : relational;
                given[item.Id] = Math.Clamp((int)Math.Round(level + person.Offset + (Normal(random) * AnswerNoise), MidpointRounding.AwayFromZero), 1, 5);
            }

            answers[person.Number] = given;
        }

        return answers;
    }

    // Box–Muller on the seeded generator: the same draws on every runtime.
    private static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
