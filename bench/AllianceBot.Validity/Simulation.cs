using AllianceBot.Trust;

namespace AllianceBot.Validity;

/// <summary>
/// The data-generating model: answers are a rounded normal on the 1–5 scale,
/// value = clamp(round(μ_dimension(t) + shock_dimension(t) + u_person,dimension + e), 1, 5), with person effects that
/// make up <see cref="Icc"/> of the answer variance (the same people answer every round; a person's calculative and
/// relational effects correlate <see cref="PersonCorrelation"/>), and a monthly shock per dimension shared by everyone
/// (real months differ: a reorganisation, a holiday month). In full rounds, <see cref="CalculativeAnchorLoading"/> is how
/// much of the calculative anchor's person effect is the one its facet items share (1: the anchor measures the same
/// construct as its facets; lower: it partly measures something else, as the retired "agreements are clear" anchor did).
/// </summary>
public sealed record Model(double AnswerSd = 0.95, double Icc = 0.3, double ShockSd = 0.15, double PersonCorrelation = 0.5, double CalculativeAnchorLoading = 1.0)
{
    public double PersonSd => AnswerSd * Math.Sqrt(Icc);
    public double ErrorSd => AnswerSd * Math.Sqrt(1 - Icc);
}

/// <summary>True means of one round in one phase.</summary>
public sealed record Step(Phase Phase, double Calculative, double Relational, double PartnerBGap = 0);

/// <summary>One simulated alliance: fixed people split over two partners, rounds generated one month apart.</summary>
public sealed class SimulatedAlliance
{
    private static readonly ItemBank Bank = ItemBank.Default;
    private static readonly string Calc = Bank.Anchor(Dimension.Calculative).Id;
    private static readonly string Rel = Bank.Anchor(Dimension.Relational).Id;
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Random random;
    private readonly Model model;
    private readonly (string Partner, double Calc, double Rel)[] people;

    public SimulatedAlliance(int n, Model model, int seed)
    {
        random = new Random(seed);
        this.model = model;
        people = new (string, double, double)[n];
        for (var i = 0; i < n; i++)
        {
            var z1 = Normal();
            var z2 = model.PersonCorrelation * z1 + Math.Sqrt(1 - model.PersonCorrelation * model.PersonCorrelation) * Normal();
            people[i] = (i < (n + 1) / 2 ? "A" : "B", model.PersonSd * z1, model.PersonSd * z2);
        }
    }

    public List<RoundData> Rounds { get; } = [];

    public List<PhaseChange> Changes { get; } = [];

    public int N => people.Length;

    /// <summary>Adds one month's round with the given true means (declaring the phase when it changes).</summary>
    public void Add(Step step)
    {
        var month = Rounds.Count;
        var closed = Start.AddMonths(month).AddDays(20);
        if (Changes.Count == 0 || Changes[^1].Phase != step.Phase) Changes.Add(new PhaseChange(step.Phase, Start.AddMonths(month)));
        var shockCalc = model.ShockSd * Normal();
        var shockRel = model.ShockSd * Normal();
        var answers = new List<Answer>(people.Length * 2);
        for (var i = 0; i < people.Length; i++)
        {
            var (partner, uc, ur) = people[i];
            var gap = partner == "B" ? step.PartnerBGap : 0;
            answers.Add(new Answer($"m{month}-r{i}", partner, Calc, Likert(step.Calculative + shockCalc + uc - gap + model.ErrorSd * Normal())));
            answers.Add(new Answer($"m{month}-r{i}", partner, Rel, Likert(step.Relational + shockRel + ur - gap + model.ErrorSd * Normal())));
        }

        var byPartner = people.GroupBy(p => p.Partner).ToDictionary(g => g.Key, g => g.Count());
        Rounds.Add(new RoundData($"round-{month}", closed, people.Length, answers, 0, byPartner));
    }

    /// <summary>
    /// Adds one month's full round: everyone answers every item of the bank. Each item of a dimension has the
    /// dimension's true mean and draws on the same person effect and monthly shock, with its own answer error — the
    /// same generator as the anchors, so α reflects the ICC alone.
    /// </summary>
    public void AddFull(Step step)
    {
        var month = Rounds.Count;
        var closed = Start.AddMonths(month).AddDays(20);
        if (Changes.Count == 0 || Changes[^1].Phase != step.Phase) Changes.Add(new PhaseChange(step.Phase, Start.AddMonths(month)));
        var shockCalc = model.ShockSd * Normal();
        var shockRel = model.ShockSd * Normal();
        var answers = new List<Answer>(people.Length * Bank.Items.Count);
        for (var i = 0; i < people.Length; i++)
        {
            var (partner, uc, ur) = people[i];
            var gap = partner == "B" ? step.PartnerBGap : 0;
            // The anchor's own person effect: the facets' one, or partly an unrelated one (drawn only then, so the
            // default model's random sequence — and every other table — stays as it was).
            var loading = model.CalculativeAnchorLoading;
            var anchorEffect = loading >= 1 ? uc : loading * uc + Math.Sqrt(1 - loading * loading) * model.PersonSd * Normal();
            foreach (var item in Bank.Items)
            {
                var person = item.Id == Calc ? anchorEffect : uc;
                var level = item.Dimension == Dimension.Calculative ? step.Calculative + shockCalc + person : step.Relational + shockRel + ur;
                answers.Add(new Answer($"m{month}-r{i}", partner, item.Id, Likert(level - gap + model.ErrorSd * Normal())));
            }
        }

        var byPartner = people.GroupBy(p => p.Partner).ToDictionary(g => g.Key, g => g.Count());
        Rounds.Add(new RoundData($"round-{month}", closed, people.Length, answers, 0, byPartner));
    }

    public HealthReport Evaluate(TrustOptions options) =>
        HealthCheck.Evaluate(new PhaseHistory(Changes), Rounds, options, Language.En);

    private static int Likert(double value) => (int)Math.Clamp(Math.Round(value, MidpointRounding.AwayFromZero), 1, 5);

    private double Normal()
    {
        // Box–Muller: enough for a simulation, and the same on every runtime given System.Random's seeded sequence.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
