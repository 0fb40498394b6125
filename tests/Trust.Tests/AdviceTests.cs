using System.Text.Json.Nodes;

namespace AllianceBot.Trust.Tests;

public class AdviceTests
{
    private static readonly AdviceCatalog Catalog = AdviceCatalog.Default;
    private static readonly string ShippedJson = ReadShipped();

    [Fact]
    public void EveryPhaseHasDosAndDontsAndEveryFindingHasAdviceWhereItCanOccur()
    {
        foreach (var phase in Enum.GetValues<Phase>())
        {
            Assert.Contains(Catalog.Items, i => i.Finding is null && i.Kind == AdviceKind.Do && i.Phases.Contains(phase));
            Assert.Contains(Catalog.Items, i => i.Finding is null && i.Kind == AdviceKind.Dont && i.Phases.Contains(phase));
        }

        foreach (var (finding, phases) in AdviceCatalog.FindingPhases)
        foreach (var phase in phases)
            Assert.Contains(Catalog.Items, i => i.Finding == finding && i.Phases.Contains(phase));
    }

    [Fact]
    public void TheReasoningFollowsTheSeedArticle()
    {
        string Why(string id) => Catalog.Items.Single(i => i.Id == id).Why.In(Language.En);
        Assert.Contains("informal coffee meetings", Catalog.Items.Single(i => i.Id == "p1.do.coffee").Text.In(Language.En), StringComparison.Ordinal);
        Assert.Contains("American managers", Why("p1.dont.contract"), StringComparison.Ordinal);
        Assert.Contains("Dutch habit", Why("p2.do.paper"), StringComparison.Ordinal);
        Assert.Contains("Dell and Getronics", Why("p2.dont.postpone"), StringComparison.Ordinal);
        Assert.Contains("fewer controls and meetings", Why("p3.do.fewer-controls"), StringComparison.Ordinal);
        Assert.Contains("without letting calculative trust disappear", Why("p3.do.review"), StringComparison.Ordinal);
        Assert.Contains("Nederlandse gewoonte", Catalog.Items.Single(i => i.Id == "p2.do.paper").Why.In(Language.Nl), StringComparison.Ordinal);
    }

    [Fact]
    public void FindingAdviceComesBeforeThePhaseAdvice()
    {
        var advice = Catalog.For(Phase.Confirmation, [FindingKind.CalculativeNeglected, FindingKind.ParticipationFalling]);
        Assert.Equal(["f.neglected.do", "f.neglected.dont", "f.participation.do", "f.participation.dont", "p2.do.paper", "p2.do.figures", "p2.dont.postpone"], advice.Select(a => a.Id));
    }

    [Fact]
    public void MovingRightAnswersWithThePhasesDos()
    {
        Assert.All(Catalog.MoveRight(Phase.Execution), i => Assert.Equal(AdviceKind.Do, i.Kind));
        Assert.Equal(["p3.do.fewer-controls", "p3.do.share", "p3.do.review"], Catalog.MoveRight(Phase.Execution).Select(i => i.Id));
    }

    [Fact]
    public void AdviceIsLocalized()
    {
        var line = AdviceCatalog.In(Catalog.MoveRight(Phase.Confirmation), Language.Nl)[0];
        Assert.Equal("Zet de verdeling van de opbrengst en de escalatieroute nu op papier.", line.Text);
        Assert.StartsWith("Bevestiging is de fase", line.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateIdIsRefused() => AssertProblem(r => Entries(r).Add(Entries(r)[0]!.DeepClone()), "Advice id 'p1.do.coffee' is used 2 times");

    [Fact]
    public void MissingWhyIsRefused() => AssertProblem(r => Entries(r)[3]!.AsObject().Remove("whyNl"), "Advice 'p2.do.paper': 'whyNl' (the 'nl' text) is missing.");

    [Fact]
    public void MissingTranslationIsRefused() => AssertProblem(r => Entries(r)[3]!.AsObject().Remove("nl"), "Advice 'p2.do.paper': 'nl' (the 'nl' text) is missing.");

    [Fact]
    public void UnknownTopicIsRefused() => AssertProblem(r => Entries(r)[10]!["topic"] = "vibes", "topic 'vibes' must be 'phase', 'slidingBack' or one of");

    [Fact]
    public void BadPhaseIsRefused() => AssertProblem(r => Entries(r)[0]!["phases"] = new JsonArray(4), "Advice 'p1.do.coffee': phase 4 must be 1, 2 or 3.");

    [Fact]
    public void BadKindIsRefused() => AssertProblem(r => Entries(r)[0]!["kind"] = "maybe", "Advice 'p1.do.coffee': kind must be 'do' or 'dont'.");

    [Fact]
    public void AnUncoveredFindingIsRefused() =>
        AssertProblem(r => { Entries(r).RemoveAt(13); Entries(r).RemoveAt(12); }, "Finding 'calculativeNeglected' has no advice for phase 2.");

    [Fact]
    public void APhaseWithoutDosIsRefused() =>
        AssertProblem(r =>
        {
            var entries = Entries(r);
            foreach (var dos in entries.Where(e => e!["phases"]!.AsArray().Count == 1 && (int)e["phases"]![0]! == 1
                                                   && (string?)e["topic"] == "phase" && (string?)e["kind"] == "do").ToList())
                entries.Remove(dos);
        }, "Phase 1 has no general 'do' advice (topic 'phase').");

    private static void AssertProblem(Action<JsonNode> breakIt, string expected)
    {
        var root = JsonNode.Parse(ShippedJson)!;
        breakIt(root);
        var error = Assert.Throws<AdviceCatalogException>(() => AdviceCatalog.FromJson(root.ToJsonString()));
        Assert.Contains(error.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    private static JsonArray Entries(JsonNode root) => root["entries"]!.AsArray();

    private static string ReadShipped()
    {
        using var stream = typeof(AdviceCatalog).Assembly.GetManifestResourceStream("AllianceBot.Trust.advice.json")!;
        return new StreamReader(stream).ReadToEnd();
    }

    [Fact]
    public void MovingRightFromPhaseOnePreparesTheCalculativeTalk()
    {
        Assert.Contains("p1.do.prepare-terms", Catalog.MoveRight(Phase.GettingAcquainted).Select(i => i.Id));
        var nl = AdviceCatalog.In(Catalog.MoveRight(Phase.GettingAcquainted), Language.Nl).Single(l => l.Id == "p1.do.prepare-terms");
        Assert.Contains("bevestigingsfase", nl.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AsymmetryHasADont()
    {
        var advice = Catalog.For(Phase.Confirmation, [FindingKind.PartnerAsymmetry]);
        Assert.Contains(advice, i => i.Finding == FindingKind.PartnerAsymmetry && i.Kind == AdviceKind.Dont);
    }

    [Fact]
    public void SlidingBackComesWithItsOwnAdviceFirst()
    {
        // Relational below 2.5 in two phase-2 rounds: sliding back, and the card leads with how to go back.
        var rounds = new[] { Build.Round(1, Build.Group("A", 6, [3], [2, 2, 3])), Build.Round(2, Build.Group("A", 6, [3], [2, 2, 3])) };
        var report = Build.Check(Phase.Confirmation, rounds, Language.Nl);
        Assert.Equal(ReadinessKind.SlidingBack, report.Readiness.Kind);
        Assert.Equal("slide.do.revisit", report.Advice[0].Id);
        Assert.Contains(report.Advice, a => a.Id == "slide.dont.blame" && a.Kind == AdviceKind.Dont);
        Assert.Contains("terug", report.Advice[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Catalog.MoveRight(Phase.Confirmation), i => i.SlidingBack);
        Assert.DoesNotContain(Build.Check(Phase.Confirmation, [Build.Round(1, Build.Group("A", 6, [3], [4]))]).Advice, a => a.Id.StartsWith("slide.", StringComparison.Ordinal));
    }
}
