using System.Reflection;
using System.Text.RegularExpressions;
using AllianceBot.Data.Responses;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Tests.Privacy;

/// <summary>
/// Every output takes the one disclosure decision (Trust's <see cref="Disclosure"/>, through a closed round's frozen
/// snapshot): the health card, the drift card, chart images and their data, alerts, round-closed summaries and the
/// CSV export. These tests enumerate the views and the code paths that could reach answers, and fail when a new one
/// goes around the rule.
/// </summary>
public partial class OneDisclosureRuleTests
{
    /// <summary>
    /// Every card kind, and whether it shows round figures. A new kind fails here until it is classified; kinds
    /// that show figures must be built only from disclosed types (see the next test).
    /// </summary>
    private static readonly Dictionary<CardKind, bool> ShowsRoundFigures = new()
    {
        [CardKind.Help] = false,
        [CardKind.Welcome] = false,
        [CardKind.Pulse] = false,
        [CardKind.ThankYou] = false, // the member's own answers, to that member only
        [CardKind.HealthCheck] = true,
        [CardKind.Drift] = true,
        [CardKind.Alert] = true,
        [CardKind.RoundClosed] = true,
        [CardKind.Error] = false,
        [CardKind.Choice] = false,
        [CardKind.Info] = false, // export link, members (counts of members, not of answers), settings
        [CardKind.Confirm] = false,
    };

    // Types that hold undisclosed figures or answers: no card builder may take one.
    private static readonly Type[] Undisclosed =
    [
        typeof(RoundScore), typeof(PartnerScore), typeof(RoundData), typeof(Answer), typeof(AnonymousAnswer),
        typeof(FrozenRound), typeof(SnapshotCell), typeof(ClosedRound),
    ];

    [Fact]
    public void EveryCardKindIsClassified() =>
        Assert.Equal(Enum.GetValues<CardKind>().Order(), ShowsRoundFigures.Keys.Order());

    [Fact]
    public void NoCardBuilderTakesUndisclosedFigures()
    {
        var builders = typeof(HealthCards).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => typeof(View).IsAssignableFrom(m.ReturnType) || m.ReturnType == typeof(Task<View>))
            .ToList();
        Assert.Contains(builders, m => m.DeclaringType == typeof(HealthCards));
        var offenders = builders
            .Where(m => m.GetParameters().Any(p => Undisclosed.Any(u => Mentions(p.ParameterType, u))))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();
        Assert.Empty(offenders);
    }

    /// <summary>
    /// The paths to answers are few and named: the closing job and the demo read a round's answers only to freeze it
    /// under the rule; Data reads responses only to record them, freeze them, show a member their own, remind
    /// non-respondents, or delete them. Anything else reading answers is a new view that bypasses the rule.
    /// </summary>
    [Fact]
    public void OnlyTheFreezingPathsReadAnswers()
    {
        var root = RepositoryRoot();
        var sources = new[] { "Bot", "Dialogs", "Scheduling", "Data", "Trust" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText);

        Assert.Equal(["Data/Responses/ReadResponses.cs", "Dialogs/Demo/DemoAlliances.cs", "Scheduling/Rounds/RoundEvaluation.cs"],
            Using(sources, "ListRoundAnswersAsync("));
        // Scores (responses) and "don't know" answers (dont_know_answers) are read and written by the same few files; the
        // freeze reads both through ReadResponses' one query of a round's answers.
        Assert.Equal(["Data/Privacy/DeleteAlliance.cs", "Data/Privacy/ForgetMember.cs", "Data/Privacy/PruneRetention.cs",
                "Data/Responses/ReadResponses.cs", "Data/Responses/RecordAnswers.cs"],
            sources.Where(s => ResponsesTable().IsMatch(s.Value)).Select(s => s.Key).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(["Data/Privacy/DeleteAlliance.cs", "Data/Privacy/ForgetMember.cs", "Data/Privacy/PruneRetention.cs",
                "Data/Responses/ReadResponses.cs", "Data/Responses/RecordAnswers.cs"],
            sources.Where(s => DontKnowTable().IsMatch(s.Value)).Select(s => s.Key).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(["Data/Responses/ReadResponses.cs", "Data/Rounds/RoundSnapshots.cs"], Using(sources, "RoundAnswersSql"));

        // The rule and the raw scorer are used inside Trust only; everything outside sees disclosed or frozen rounds.
        Assert.All(Using(sources, "Disclosure.Apply(").Concat(Using(sources, "RoundScorer.Score(")), f => Assert.StartsWith("Trust/", f, StringComparison.Ordinal));

        // Views of closed rounds come from snapshots: the live evaluation is used only by the demo, before it closes its rounds.
        Assert.Equal(["Dialogs/Demo/DemoAlliances.cs"], Using(sources, "HealthCheck.Evaluate("));
    }

    /// <summary>
    /// The export's own suppression rule is gone: what it shows is what the card shows. Acme 6 (all answering 5),
    /// Globex 1, Initech 1: no view shows Acme's 5.00.
    /// </summary>
    [Fact]
    public async Task NoViewShowsASliceTheRuleHides()
    {
        await using var world = await PrivacyWorld.CreateAsync("sqlite", "Acme", "Globex", "Initech");
        var round = await world.OpenAsync();
        for (var i = 0; i < 6; i++) await world.AnswerAsync(round, (await world.AddAsync("Acme")).Member.Id, 5, 5);
        await world.AnswerAsync(round, (await world.AddAsync("Globex")).Member.Id, 1, 1);
        await world.AnswerAsync(round, (await world.AddAsync("Initech")).Member.Id, 1, 1);
        await world.CloseAsync(round);

        var views = await world.EveryViewAsync();
        Assert.Contains(",all,calc.agreements.safeguarded,8,4.00", views, StringComparison.Ordinal);
        Assert.DoesNotContain("5.0", views, StringComparison.Ordinal);
        Assert.DoesNotContain(",Acme,calc.agreements.safeguarded,6,", views, StringComparison.Ordinal);
    }

    private static bool Mentions(Type type, Type target) =>
        type == target || (type.IsGenericType && type.GetGenericArguments().Any(a => Mentions(a, target))) || (type.IsArray && Mentions(type.GetElementType()!, target));

    private static List<string> Using(Dictionary<string, string> sources, string text) =>
        [.. sources.Where(s => s.Value.Contains(text, StringComparison.Ordinal)).Select(s => s.Key).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"(FROM|JOIN|INTO|UPDATE)\s+responses\b", RegexOptions.IgnoreCase)]
    private static partial Regex ResponsesTable();

    [GeneratedRegex(@"(FROM|JOIN|INTO|UPDATE|MERGE)\s+dont_know_answers\b", RegexOptions.IgnoreCase)]
    private static partial Regex DontKnowTable();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AllianceBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("AllianceBot.sln not found above the test output.");
    }
}
