using AllianceBot.Bot.Slack;
using AllianceBot.Bot.Slack.Install;
using AllianceBot.Bot.Slack.WebApi;
using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Slack;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Channels;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static AllianceBot.Bot.Tests.Slack.SlackInstallSupport;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>
/// Several workspaces on one bot: every request is answered, and every proactive message sent, with the token of its
/// own workspace's installation; a workspace without one gets nothing; uninstalling stops that workspace only.
/// </summary>
public sealed class SlackRoutingTests : IAsyncLifetime
{
    private static readonly View Card = new CardView(CardKind.Info, "Pulse", [new Paragraph("Hi")], [], "Pulse");
    private SlackApiStandIn api = null!;

    public async Task InitializeAsync() => api = await SlackApiStandIn.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    private static ScriptedTurnHandler Echo() => new(t => TurnResult.Reply(new MessageView("hello " + t.Conversation.TenantId)));

    private static string Token(SlackApiCall call) => SlackApiStandIn.TokenOf(call)!;

    [Fact]
    public async Task TwoWorkspacesEachGetTheirAnswersWithTheirOwnToken()
    {
        var handler = Echo();
        await using var host = new SlackHost(api, handler, settings: Settings());
        await InstallAsync(host, api, "code-b", new InstallGrant("T0B", null, "UBOTB"));
        await InstallAsync(host, api, "code-c", new InstallGrant("T0C", null, "UBOTC"));
        var cipher = host.Services.GetRequiredService<SlackTokenCipher>();
        var database = host.Services.GetRequiredService<Database>();
        async Task<string> TokenOf(string team)
        {
            var installation = await database.FindSlackInstallationAsync(team, null, CancellationToken.None);
            return cipher.Decrypt(installation!.BotTokenEncrypted, installation.Key)!;
        }

        await host.PostEventAsync(SlackRequests.DirectMessage("Ev-b", "hi", "UB1", "DB1", team: "T0B"));
        await host.PostEventAsync(SlackRequests.DirectMessage("Ev-c", "hi", "UC1", "DC1", team: "T0C"));
        await host.PostEventAsync(SlackRequests.DirectMessage("Ev-legacy", "hi", "UA1", "DA1"));
        await host.WhenIdleAsync();

        var tokenB = await TokenOf("T0B");
        var tokenC = await TokenOf("T0C");
        Assert.NotEqual(tokenB, tokenC);
        var posts = api.CallsTo("chat.postMessage").ToDictionary(c => c.Field("channel")!, Token);
        Assert.Equal(tokenB, posts["DB1"]);
        Assert.Equal(tokenC, posts["DC1"]);
        Assert.Equal(SlackApiStandIn.LegacyToken, posts["DA1"]);
        // users.info too: a person of workspace B is never looked up with C's token or the legacy one.
        Assert.All(api.CallsTo("users.info").Where(c => c.Field("user") == "UB1"), c => Assert.Equal(tokenB, Token(c)));
        Assert.Equal([SlackApiStandIn.TeamId, "T0B", "T0C"], handler.Turns.Select(t => t.Conversation.TenantId).Order(StringComparer.Ordinal));
        Assert.Equal(("UBOTB", "UBOTC"), (handler.Turns.Single(t => t.Conversation.TenantId == "T0B").Conversation.BotId, handler.Turns.Single(t => t.Conversation.TenantId == "T0C").Conversation.BotId));
    }

    [Fact]
    public async Task AWorkspaceWithoutAnInstallationIsAcknowledgedAndIgnoredAndNeverGetsAnotherWorkspacesToken()
    {
        var handler = Echo();
        await using var host = new SlackHost(api, handler, settings: Settings());
        await InstallAsync(host, api, "code-b", new InstallGrant("T0B", null, "UBOTB"));
        var before = api.Calls.Count;

        var response = await host.PostEventAsync(SlackRequests.DirectMessage("Ev-z", "hi", "UZ1", "DZ1", team: "T0NOBODY"));
        await host.WhenIdleAsync();
        var proactive = await host.Services.GetRequiredService<SlackMessenger>().SendAsync(
            new ConversationReference(MemberIdentity.Slack, "T0NOBODY", "UZ1", null, null, null), Card, CancellationToken.None);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Empty(handler.Turns);
        Assert.Equal(DeliveryStatus.Unreachable, proactive.Status);
        Assert.Equal(SlackApiClient.NotInstalled, proactive.Error);
        // Only the legacy token's own auth.test may have been asked; nothing was sent for T0NOBODY.
        Assert.All(api.Calls.Skip(before), c => Assert.Equal("auth.test", c.Method));
        Assert.Null(await host.FindContactAsync("UZ1", "T0NOBODY"));
    }

    [Fact]
    public async Task ProactiveMessagesUseTheTokenOfTheRecipientsWorkspace()
    {
        await using var host = new SlackHost(api, settings: Settings());
        await InstallAsync(host, api, "code-b", new InstallGrant("T0B", null, "UBOTB"));
        await InstallAsync(host, api, "code-c", new InstallGrant("T0C", null, "UBOTC"));
        var messenger = host.Services.GetRequiredService<SlackMessenger>();

        var toB = await messenger.SendAsync(new ConversationReference(MemberIdentity.Slack, "T0B", "UB9", null, null, "UBOTB"), Card, CancellationToken.None);
        var toC = await messenger.SendAsync(new ConversationReference(MemberIdentity.Slack, "T0C", "UC9", null, "DC9", "UBOTC"), Card, CancellationToken.None);

        Assert.Equal((DeliveryStatus.Sent, DeliveryStatus.Sent), (toB.Status, toC.Status));
        var open = Assert.Single(api.CallsTo("conversations.open"));
        var posts = api.CallsTo("chat.postMessage").ToList();
        Assert.StartsWith("xoxb-T0B-", Token(open), StringComparison.Ordinal);
        Assert.StartsWith("xoxb-T0B-", Token(posts.Single(p => p.Field("channel") == "DUB9")), StringComparison.Ordinal);
        Assert.StartsWith("xoxb-T0C-", Token(posts.Single(p => p.Field("channel") == "DC9")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UninstallingStopsDeliveryToThatWorkspaceOnly()
    {
        var handler = Echo();
        await using var host = new SlackHost(api, handler, settings: Settings());
        await InstallAsync(host, api, "code-b", new InstallGrant("T0B", null, "UBOTB"));
        await InstallAsync(host, api, "code-c", new InstallGrant("T0C", null, "UBOTC"));
        await host.PostEventAsync(SlackRequests.DirectMessage("Ev-b", "hi", "UB1", "DB1", team: "T0B"));
        await host.PostEventAsync(SlackRequests.DirectMessage("Ev-c", "hi", "UC1", "DC1", team: "T0C"));
        await host.WhenIdleAsync();
        var outbox = host.Services.GetRequiredService<IOutboxStore>();
        await outbox.EnqueueAsync(
        [
            new NewOutboxMessage("pulse", null, null, null, MemberIdentity.Slack, "T0B", """{"userId":"UB1"}""", "{}", DateTimeOffset.UtcNow.AddHours(1), null),
            new NewOutboxMessage("pulse", null, null, null, MemberIdentity.Slack, "T0C", """{"userId":"UC1"}""", "{}", DateTimeOffset.UtcNow.AddHours(1), null),
        ], CancellationToken.None);

        var uninstalled = await host.PostEventAsync(SlackRequests.Envelope("Ev-gone", """{"type":"app_uninstalled"}""", "T0B"));
        var retried = await host.PostEventAsync(SlackRequests.Envelope("Ev-gone", """{"type":"app_uninstalled"}""", "T0B"));
        var messenger = host.Services.GetRequiredService<SlackMessenger>();
        var toB = await messenger.SendAsync((await host.FindContactAsync("UB1", "T0B"))!.Reference, Card, CancellationToken.None);
        var toC = await messenger.SendAsync((await host.FindContactAsync("UC1", "T0C"))!.Reference, Card, CancellationToken.None);

        Assert.True(uninstalled.IsSuccessStatusCode && retried.IsSuccessStatusCode);
        Assert.Equal((DeliveryStatus.Unreachable, DeliveryStatus.Sent), (toB.Status, toC.Status));
        Assert.False((await host.FindContactAsync("UB1", "T0B"))!.Reachable);
        Assert.True((await host.FindContactAsync("UC1", "T0C"))!.Reachable);
        var due = await outbox.ClaimAsync("test", 10, DateTimeOffset.UtcNow.AddHours(2), TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(["T0C"], due.Select(m => m.TenantId));
        var b = (await host.Services.GetRequiredService<Database>().ListSlackInstallationsAsync(CancellationToken.None)).Single(i => i.TeamId == "T0B");
        Assert.Equal((null, true), (b.BotTokenEncrypted, b.RevokedAt is not null));
    }

    [Fact]
    public async Task TokensRevokedEndsTheInstallationOnlyWhenTheBotTokenIsAmongThem()
    {
        await using var host = new SlackHost(api, settings: Settings());
        await InstallAsync(host, api, "code-b", new InstallGrant("T0B", null, "UBOTB"));
        var database = host.Services.GetRequiredService<Database>();

        await host.PostEventAsync(SlackRequests.Envelope("Ev-user", """{"type":"tokens_revoked","tokens":{"oauth":["UB1"]}}""", "T0B"));
        var afterUserToken = await database.FindSlackInstallationAsync("T0B", null, CancellationToken.None);
        await host.PostEventAsync(SlackRequests.Envelope("Ev-bot", """{"type":"tokens_revoked","tokens":{"bot":["UBOTB"]}}""", "T0B"));

        Assert.NotNull(afterUserToken);
        Assert.Null(await database.FindSlackInstallationAsync("T0B", null, CancellationToken.None));
    }

    [Fact]
    public async Task AnOrgWideInstallAnswersEveryWorkspaceOfTheOrg()
    {
        var handler = Echo();
        await using var host = new SlackHost(api, handler, settings: Settings());
        await InstallAsync(host, api, "code-org", new InstallGrant(null, "E0ORG", "UBOTORG"));
        var envelope = SlackRequests.DirectMessage("Ev-grid", "hi", "UG1", "DG1", team: "T0GRID1")
            .Replace("\"team_id\":\"T0GRID1\",\"api_app_id\"", "\"team_id\":\"T0GRID1\",\"enterprise_id\":\"E0ORG\",\"api_app_id\"", StringComparison.Ordinal);

        await host.PostEventAsync(envelope);
        await host.WhenIdleAsync();

        Assert.Single(handler.Turns);
        Assert.StartsWith("xoxb-E0ORG-", Token(api.CallsTo("chat.postMessage").Single(c => c.Field("channel") == "DG1")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotatingTokensAreRefreshedAheadOfExpiryByOneInstanceAndTheNewTokenIsUsed()
    {
        await using var host = new SlackHost(api, settings: Settings());
        await InstallAsync(host, api, "code-r", new InstallGrant("T0R", null, "UBOTR", Rotates: true));
        var database = host.Services.GetRequiredService<Database>();
        var cipher = host.Services.GetRequiredService<SlackTokenCipher>();
        var installed = (await database.FindSlackInstallationAsync("T0R", null, CancellationToken.None))!;
        var options = host.Services.GetRequiredService<IOptions<SlackOptions>>();
        var early = new FakeTimeProvider(installed.InstalledAt.AddHours(1));
        var due = new FakeTimeProvider(installed.ExpiresAt!.Value - options.Value.TokenRefreshAhead + TimeSpan.FromMinutes(1));
        SlackTokenRefresher Refresher(TimeProvider clock) => new(database, host.Services.GetRequiredService<SlackApiClient>(), cipher, options, clock, NullLogger<SlackTokenRefresher>.Instance);

        var tooEarly = await Refresher(early).RefreshDueAsync(CancellationToken.None);
        var both = await Task.WhenAll(Refresher(due).RefreshDueAsync(CancellationToken.None), Refresher(due).RefreshDueAsync(CancellationToken.None));
        var refreshed = (await database.FindSlackInstallationAsync("T0R", null, CancellationToken.None))!;
        var sent = await host.Services.GetRequiredService<SlackMessenger>().SendAsync(
            new ConversationReference(MemberIdentity.Slack, "T0R", "UR1", null, "DR1", "UBOTR"), Card, CancellationToken.None);

        Assert.Equal(0, tooEarly);
        Assert.Equal(1, both.Sum());
        var refresh = Assert.Single(api.CallsTo("oauth.v2.access"), c => c.Field("grant_type") == "refresh_token");
        Assert.Equal(cipher.Decrypt(installed.RefreshTokenEncrypted, installed.Key), refresh.Field("refresh_token"));
        Assert.NotEqual(cipher.Decrypt(installed.BotTokenEncrypted, installed.Key), cipher.Decrypt(refreshed.BotTokenEncrypted, refreshed.Key));
        Assert.True(refreshed.ExpiresAt > installed.ExpiresAt);
        Assert.Equal(DeliveryStatus.Sent, sent.Status);
        Assert.Equal(cipher.Decrypt(refreshed.BotTokenEncrypted, refreshed.Key), Token(api.CallsTo("chat.postMessage").Last()));
    }

    [Fact]
    public async Task InASlackConnectChannelAPartnerIsRecognisedByTheirOwnWorkspaceAndDirectMessagedOnlyThroughIt()
    {
        var handler = Echo();
        await using var host = new SlackHost(api, handler, settings: Settings());
        await InstallAsync(host, api, "code-b", new InstallGrant("T0B", null, "UBOTB"));
        var mention = """{"type":"app_mention","user":"UX1","user_team":"T0X","source_team":"T0X","team":"T0X","text":"<@UBOTB> where are we?","ts":"1515449522.000016","channel":"C0SHARED"}""";

        await host.PostEventAsync(SlackRequests.Envelope("Ev-connect", mention, "T0B"));
        await host.WhenIdleAsync();
        var messenger = host.Services.GetRequiredService<SlackMessenger>();
        var partner = new ConversationReference(MemberIdentity.Slack, "T0X", "UX1", null, null, null);
        var beforeTheirInstall = await messenger.SendAsync(partner, Card, CancellationToken.None);
        await InstallAsync(host, api, "code-x", new InstallGrant("T0X", null, "UBOTX"));
        var afterTheirInstall = await messenger.SendAsync(partner, Card, CancellationToken.None);

        var turn = Assert.Single(handler.Turns);
        Assert.Equal(new MemberIdentity(MemberIdentity.Slack, "T0X", "UX1"), turn.From);
        Assert.NotNull(await host.FindContactAsync("UX1", "T0X"));
        var reply = api.CallsTo("chat.postMessage").First(c => c.Field("channel") == "C0SHARED");
        Assert.StartsWith("xoxb-T0B-", Token(reply), StringComparison.Ordinal);
        Assert.Equal((DeliveryStatus.Unreachable, SlackApiClient.NotInstalled), (beforeTheirInstall.Status, beforeTheirInstall.Error));
        Assert.Equal(DeliveryStatus.Sent, afterTheirInstall.Status);
        Assert.StartsWith("xoxb-T0X-", Token(api.CallsTo("conversations.open").Last()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterARestartAnOrgWideInstallStillReachesAWorkspaceOfItsOrgAndUninstallingItReachesItsPeople()
    {
        using var data = new Hosting.TestDataFolder();
        var envelope = SlackRequests.DirectMessage("Ev-grid", "hi", "UG1", "DG1", team: "T0GRID1")
            .Replace("\"team_id\":\"T0GRID1\",\"api_app_id\"", "\"team_id\":\"T0GRID1\",\"enterprise_id\":\"E0ORG\",\"api_app_id\"", StringComparison.Ordinal);
        await using (var first = new SlackHost(api, Echo(), data: data, settings: Settings()))
        {
            await InstallAsync(first, api, "code-org", new InstallGrant(null, "E0ORG", "UBOTORG"));
            await first.PostEventAsync(envelope);
            await first.WhenIdleAsync();
        }

        await using var restarted = new SlackHost(api, data: data, settings: Settings());
        var messenger = restarted.Services.GetRequiredService<SlackMessenger>();
        var pulse = await messenger.SendAsync((await restarted.FindContactAsync("UG1", "T0GRID1"))!.Reference, Card, CancellationToken.None);
        var orgUninstalled = SlackRequests.Envelope("Ev-org-gone", """{"type":"app_uninstalled"}""", "T0GRID1")
            .Replace("\"team_id\":\"T0GRID1\",\"api_app_id\"", "\"team_id\":\"T0GRID1\",\"enterprise_id\":\"E0ORG\",\"is_enterprise_install\":true,\"api_app_id\"", StringComparison.Ordinal);
        await restarted.PostEventAsync(orgUninstalled);

        Assert.Equal(DeliveryStatus.Sent, pulse.Status);
        Assert.StartsWith("xoxb-E0ORG-", Token(api.CallsTo("chat.postMessage").Last()), StringComparison.Ordinal);
        Assert.False((await restarted.FindContactAsync("UG1", "T0GRID1"))!.Reachable);
        Assert.Null(await restarted.Services.GetRequiredService<Database>().FindSlackInstallationAsync("T0GRID1", "E0ORG", CancellationToken.None));
    }
}
