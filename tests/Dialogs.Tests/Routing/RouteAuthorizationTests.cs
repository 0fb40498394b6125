using System.Reflection;
using AllianceBot.Data;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Rooms;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Alliances;
using AllianceBot.Dialogs.Commitments;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Explain;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Pulse;
using AllianceBot.Dialogs.Report;
using AllianceBot.Dialogs.Rounds;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Tests.Alliances;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Tests.HealthCheck;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AllianceBot.Dialogs.Tests.Routing;

/// <summary>
/// Authorization is declared on the routes and checked by the router (docs/architecture.md, "Authorization"): every
/// route of every dialog says what it requires, no handler resolves the alliance scope itself, and every route that
/// acts on an alliance refuses a non-member — and a plain member where it is for managers — with the usual message,
/// storing nothing. Over the bot's full dialog set on real SQLite and PostgreSQL.
/// </summary>
public sealed class RouteAuthorizationTests
{
    /// <summary>The routes anyone may use without being in an alliance. A new open route has to be added here on purpose.</summary>
    private static readonly HashSet<string> OpenRoutes = new(StringComparer.Ordinal)
    {
        "installed",
        $"intent:{Intent.Help.Key()}",
        $"intent:{Intent.Demo.Key()}",
        $"intent:{Intent.CreateAlliance.Key()}",
        $"intent:{Intent.Join.Key()}",
        $"intent:{Intent.Language.Key()}",
        $"intent:{Intent.MyData.Key()}",
        $"intent:{Intent.ForgetMe.Key()}",
        $"intent:{Intent.ExplainModel.Key()}",
        $"intent:{Intent.ExplainCalculative.Key()}",
        $"intent:{Intent.ExplainRelational.Key()}",
        $"intent:{Intent.ExplainPhases.Key()}",
        $"intent:{Intent.ExplainDellGetronics.Key()}",
        $"intent:{Intent.Glossary.Key()}",
        $"verb:{WhyCards.Verb}",
        $"verb:{ConfirmVerbs.Dismiss}",
        $"verb:{Members.MemberSelfServiceDialog.ForgetVerb}",
        $"verb:{CreateAllianceDialog.AnswerVerb}",
    };

    private static readonly TranscriptUser Nina = new(new MemberIdentity(MemberIdentity.Teams, "tenant-a", "29:nina"), "Nina Outsider", "en-GB",
        ConversationKind.Personal, "a:nina-1on1");

    [Fact]
    public async Task EveryRouteDeclaresAnOperationOrIsOneOfTheKnownOpenRoutes()
    {
        await using var host = await RouteHost.StartAsync("sqlite");
        var requirements = host.Router.Requirements;

        // The host registers every dialog the Dialogs assembly has, so this is the bot's whole route table.
        var dialogTypes = typeof(DialogRouter).Assembly.GetTypes()
            .Where(t => typeof(IDialog).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => t.FullName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(dialogTypes, host.Services.GetServices<IDialog>().Select(d => d.GetType().FullName).Order(StringComparer.Ordinal));

        var open = requirements.Where(r => r.Value.IsOpen).Select(r => r.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(OpenRoutes.Order(StringComparer.Ordinal), open);
        Assert.All(requirements.Where(r => !r.Value.IsOpen), r =>
            Assert.All(r.Value.Operations, o => Assert.True(Enum.IsDefined(o), $"{r.Key} declares an undefined operation")));

        // Spot checks of the declarations the issue names.
        Assert.Equal([Operation.ViewHealth], requirements[$"intent:{Intent.WhereAreWe.Key()}"].Operations);
        Assert.Equal([Operation.ViewDrift], requirements[$"intent:{Intent.Drift.Key()}"].Operations);
        Assert.Equal([Operation.Commit], requirements[$"intent:{Intent.Commit.Key()}"].Operations);
        Assert.Equal([Operation.Commit], requirements[$"verb:{CommitmentCards.CommitVerb}"].Operations);
        Assert.Equal([Operation.RemoveMember, Operation.ChangeRole], requirements[$"verb:{MemberRolesDialog.ConfirmVerb}"].Operations);
        Assert.Equal([Operation.AnswerPulse], requirements[$"verb:{PulseCards.SubmitVerb}"].Operations);
    }

    [Fact]
    public void NoCodeUnderDialogsResolvesTheScopeButTheRouter()
    {
        // Handlers get their scope from the route; the resolve-or-refuse lines must not come back.
        var root = Path.Combine(RepositoryRoot(), "Dialogs");
        var allowed = new[] { Path.Combine("Access", "AllianceScope.cs"), Path.Combine("Routing", "DialogRouter.cs") };
        var offenders = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !allowed.Contains(Path.GetRelativePath(root, f)))
            .Where(f => File.ReadAllText(f).Contains("ResolveAsync(", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();
        Assert.Empty(offenders);

        var resolve = typeof(AllianceScopes).GetMethod("ResolveAsync", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.NotNull(resolve);
        Assert.False(resolve.IsPublic, "Only the router resolves a scope; ResolveAsync stays internal to the Dialogs assembly.");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task EveryDeclaredRouteRefusesANonMemberAndAMemberWhereItIsForManagersAndStoresNothing(string provider)
    {
        await using var host = await RouteHost.StartAsync(provider);
        var world = await host.WorldAsync();
        var scoped = host.Router.Requirements.Where(r => !r.Value.IsOpen).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        Assert.True(scoped.Count >= 30, $"only {scoped.Count} routes act on an alliance");
        var before = await host.SnapshotAsync();

        var checkedAsMember = 0;
        foreach (var (key, requirement) in scoped)
        {
            var refusal = await host.AnswerAsync(TurnFor(key, Nina, world));
            Assert.True(refusal.Contains("You are not a member of that alliance", StringComparison.Ordinal), $"{key} answered a non-member: {refusal}");

            if (requirement.Operations.All(o => !AccessPolicy.IsForEveryMember(o)))
            {
                var expected = requirement.Operations.SequenceEqual([Operation.Commit])
                    ? "Only managers can make commitments in this alliance."
                    : "Only the alliance's managers can do that.";
                var answer = await host.AnswerAsync(TurnFor(key, People.Dirk, world));
                Assert.True(answer.Contains(expected, StringComparison.Ordinal), $"{key} answered a member: {answer}");
                checkedAsMember++;
            }
        }

        Assert.True(checkedAsMember >= 20, $"only {checkedAsMember} manager routes");
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [Fact]
    public async Task ARouteThatActsOnAnAllianceStillAnswersItsOwnPrecheckFirst()
    {
        // The checks about the turn itself stay before authorization, as before: a forwarded confirmation card, a room
        // command typed in a personal chat, "done" without a number.
        await using var host = await RouteHost.StartAsync("sqlite");
        var world = await host.WorldAsync();

        var forwarded = TurnFor($"verb:{ManageAllianceDialog.DeleteVerb}", Nina, world) with
        {
            Action = new TurnAction(ManageAllianceDialog.DeleteVerb, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [AllianceScopes.AllianceKey] = world.AllianceId.ToString(),
                [CardGuard.ForKey] = CardGuard.Fingerprint(TranscriptUser.Anna.Identity),
            }),
        };
        Assert.Contains("That button was meant for someone else", await host.AnswerAsync(forwarded), StringComparison.Ordinal);
        Assert.Contains("Linking is for a group chat or channel", await host.AnswerAsync(Typed(Nina, "link this channel")), StringComparison.Ordinal);
        Assert.Contains("Which commitment?", await host.AnswerAsync(Typed(Nina, "done")), StringComparison.Ordinal);
        Assert.NotNull(await host.Database.GetAllianceAsync(world.AllianceId, default));
    }

    [Fact]
    public void ADeclarationIsCheckedWhenTheRoutesAreBuilt()
    {
        // Without the scope resolver (no storage) a route that acts on an alliance stops start-up, naming the route.
        using var host = new DialogTestHost(s => s.AddDialog<ScopedTestDialog>());
        var error = Assert.Throws<InvalidOperationException>(() => host.Router);
        Assert.Contains($"intent:{Intent.Phase.Key()}", error.Message, StringComparison.Ordinal);

        var routes = new DialogRoutes();
        Assert.Throws<ArgumentException>(() => routes.OnVerb("test.open", Audience.Anyone, Requirement.None, (_, _) => Task.FromResult(TurnResult.None)));
        Assert.Throws<ArgumentException>(() => Requirement.OneOf(_ => (Operation.SetPhase, Intent.Phase)));
        Assert.Throws<ArgumentOutOfRangeException>(() => routes.OnIntent(Intent.Phase, (Operation)99, (_, _) => Task.FromResult(TurnResult.None)));
    }

    private sealed class ScopedTestDialog : IDialog
    {
        public void Register(DialogRoutes routes) => routes.OnIntent(Intent.Phase, Operation.SetPhase, (_, _) => Task.FromResult(TurnResult.None));
    }

    [Fact]
    public void CommittingIsForManagersAndForMembersOnlyWhenTheAllianceAllowsIt()
    {
        var partner = Guid.NewGuid();
        var member = new Actor(Guid.NewGuid(), partner, MemberRole.Member);
        var manager = new Actor(Guid.NewGuid(), partner, MemberRole.Manager);

        Assert.Equal(Denial.CommitManagersOnly, AccessPolicy.Decide(member, Operation.Commit).Denied);
        Assert.True(AccessPolicy.Decide(member, Operation.Commit, membersMayCommit: true).Allowed);
        Assert.True(AccessPolicy.Decide(manager, Operation.Commit).Allowed);
        Assert.Equal(Denial.NotAMember, AccessPolicy.Decide(null, Operation.Commit, membersMayCommit: true).Denied);

        // The setting is about committing only: it opens no manager operation to members.
        Assert.Equal(Denial.ManagersOnly, AccessPolicy.Decide(member, Operation.SetCommitments, membersMayCommit: true).Denied);
    }

    /// <summary>
    /// A turn that reaches authorization on <paramref name="key"/>'s route: an intent button or card naming the
    /// alliance, with whatever the route's precheck wants (the clicker's own card, a number, a linked room).
    /// </summary>
    private static Turn TurnFor(string key, TranscriptUser who, World world)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AllianceScopes.AllianceKey] = world.AllianceId.ToString(),
            [DialogVerbs.LanguageKey] = "en",
            [CardGuard.ForKey] = CardGuard.Fingerprint(who.Identity),
            [MemberRolesDialog.ChangeKey] = nameof(MemberChange.Remove),
            [ConfirmVerbs.MemberKey] = world.AnnaMemberId.ToString(),
            [CommitmentCards.NumberKey] = "1",
            [Arg.Item] = "1",
            [Arg.Number] = "1",
        };
        string verb;
        if (key.StartsWith("intent:", StringComparison.Ordinal))
        {
            verb = DialogVerbs.RunIntent;
            values[DialogVerbs.IntentKey] = key["intent:".Length..];
        }
        else
        {
            verb = key["verb:".Length..];
        }

        // Linking and importing a roster happen in a room: the Teams channel linked to the alliance.
        var inRoom = verb == DialogVerbs.RunIntent && IntentTable.TryGetByKey(values[DialogVerbs.IntentKey], out var definition)
            && definition.Id is Intent.LinkRoom or Intent.LinkRoomForManagers or Intent.UnlinkRoom or Intent.ImportRoster;
        var user = inRoom ? who.InChannel(World.Room) : who;
        return new Turn(TurnKind.CardAction, user.Identity, user.DisplayName, user.Conversation, user.ConversationKind, user.Locale, user.TimeZone,
            null, new TurnAction(verb, values), Guid.NewGuid().ToString("N"), null, DateTimeOffset.UnixEpoch);
    }

    private static Turn Typed(TranscriptUser who, string text) =>
        new(TurnKind.Message, who.Identity, who.DisplayName, who.Conversation, who.ConversationKind, who.Locale, who.TimeZone,
            text, null, Guid.NewGuid().ToString("N"), null, DateTimeOffset.UnixEpoch);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AllianceBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("AllianceBot.sln not found above the test output.");
    }

    private sealed record World(Guid AllianceId, Guid AnnaMemberId)
    {
        public const string Room = "19:acme-globex-channel";
    }

    /// <summary>Every dialog of the bot over a real database, the edges (scheduler, links, roster) as in AllianceTestHost.</summary>
    private sealed class RouteHost : IAsyncDisposable
    {
        private readonly TestDatabases storage;
        private readonly IHost host;

        private RouteHost(TestDatabases storage)
        {
            this.storage = storage;
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:DataFolder"] = Path.GetTempPath(),
                ["Storage:MigrateOnStart"] = "false",
            });
            builder.Services.AddSingleton<TimeProvider>(Time);
            builder.AddStorage();
            builder.Services.AddSingleton(storage.Database);
            builder.Services.AddLogging();
            builder.Services.AddDialogServices(builder.Configuration);
            builder.Services.AddDialogStorage();
            builder.Services.AddAllianceDialogs();
            builder.Services.AddHealthCheck(builder.Configuration);
            builder.Services.AddPulse();
            builder.Services.AddReportDialog();
            builder.Services.AddSingleton<IHealthChartLinks, TestChartLinks>();
            builder.Services.AddSingleton<IReportLinks>(new TestReportLinks(Time));
            builder.Services.AddSingleton(new Mock<IRoundControl>().Object);
            builder.Services.AddSingleton(new Mock<IExportLinks>().Object);
            builder.Services.AddSingleton<IRosterSource>(new FakeRosterSource());
            host = builder.Build();
        }

        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

        public Database Database => storage.Database;

        public IServiceProvider Services => host.Services;

        public DialogRouter Router => host.Services.GetRequiredService<DialogRouter>();

        public static async Task<RouteHost> StartAsync(string provider)
        {
            var route = new RouteHost(await TestDatabases.CreateAsync(provider, "routes-"));
            await route.host.StartAsync();
            return route;
        }

        /// <summary>Acme (Anna, manager; Dirk, member) and Globex, a Teams channel linked to it; Nina is in no alliance.</summary>
        public async Task<World> WorldAsync()
        {
            var contacts = host.Services.GetRequiredService<IContactStore>();
            var now = Time.GetUtcNow();
            async Task<Guid> ContactAsync(TranscriptUser user) =>
                (await contacts.RecordSightingAsync(new ContactSighting(user.Conversation, user.DisplayName, user.Locale, user.TimeZone, now), default)).Id;

            var created = await Database.CreateAllianceAsync(new NewAlliance("Acme – Globex", await ContactAsync(TranscriptUser.Anna), "Acme", ["Globex"]), now, default);
            var acme = created.Partners.Single(p => p.Name == "Acme").Id;
            await Database.AddMemberAsync(new NewMember(created.Alliance.Id, acme, await ContactAsync(People.Dirk)), now, default);
            await ContactAsync(Nina);
            await Database.LinkRoomAsync(new RoomLink(MemberIdentity.Teams, "tenant-a", World.Room, created.Alliance.Id, RoomAudience.Members, now), default);
            var anna = await Database.FindMembershipAsync(created.Alliance.Id, TranscriptUser.Anna.Identity, default);
            return new World(created.Alliance.Id, anna!.Id);
        }

        /// <summary>Everything the answer shows, wherever it goes (reply, card replacement, private chat), as text.</summary>
        public async Task<string> AnswerAsync(Turn turn)
        {
            var result = await Router.HandleAsync(turn, default);
            var views = result.Replies.Concat(result.ReplaceCard is { } card ? [card] : []).Concat(result.Private?.Views ?? []);
            return string.Join("\n", views.Select(v => v switch
            {
                CardView c => c.Title + "\n" + People.Texts(c),
                MessageView m => m.Text,
                _ => v.GetType().Name,
            }));
        }

        /// <summary>Every row of every table, as text: equal snapshots mean nothing was stored.</summary>
        public async Task<string> SnapshotAsync()
        {
            await using var connection = await Database.OpenAsync(default);
            var tables = Database.Provider == StorageProvider.Sqlite
                ? await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                : await connection.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name");
            var lines = new List<string>();
            foreach (var table in tables)
            {
                var rows = (await connection.QueryAsync($"SELECT * FROM \"{table}\""))
                    .Select(r => string.Join("|", ((IDictionary<string, object?>)r).Select(c => $"{c.Key}={c.Value}")))
                    .Order(StringComparer.Ordinal);
                lines.Add($"{table}: {string.Join("\n  ", rows)}");
            }

            return string.Join("\n", lines);
        }

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
            await storage.DisposeAsync();
        }
    }
}
