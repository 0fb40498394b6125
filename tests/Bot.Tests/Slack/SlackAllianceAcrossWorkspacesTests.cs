using System.Net;
using System.Text.Json.Nodes;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using Microsoft.Extensions.DependencyInjection;
using static AllianceBot.Bot.Tests.Slack.SlackInstallSupport;
using static AllianceBot.Bot.Tests.Slack.SlackRequests;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>
/// The reason for OAuth distribution: one alliance with people in two companies' Slack workspaces and a Teams tenant.
/// A round reaches every member exactly once, each Slack member through their own workspace's installation.
/// </summary>
public sealed class SlackAllianceAcrossWorkspacesTests : IAsyncLifetime
{
    private static readonly MemberIdentity Anna = new(MemberIdentity.Slack, SlackApiStandIn.TeamId, UserId);
    private SlackApiStandIn api = null!;

    public async Task InitializeAsync() => api = await SlackApiStandIn.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task ARoundReachesMembersInTwoSlackWorkspacesAndATeamsTenantOnceEachWithTheirOwnTokens()
    {
        await using var teams = await TeamsConnectorRecorder.StartAsync();
        await using var host = new SlackHost(api, settings: Settings());
        // Company A: the single-workspace token. Company B installs the app through the install link.
        Assert.Equal(HttpStatusCode.OK, (await host.PostEventAsync(DirectMessage("Ev-demo", "demo"))).StatusCode);
        await host.WhenIdleAsync();
        await InstallAsync(host, api, "code-b", new InstallGrant("T0B", null, "UBOTB"));

        var database = host.Services.GetRequiredService<Database>();
        var contacts = host.Services.GetRequiredService<IContactStore>();
        var alliance = Assert.Single(await database.ListMyAlliancesAsync(Anna, CancellationToken.None));
        var bob = await contacts.RecordSightingAsync(new ContactSighting(
            new ConversationReference(MemberIdentity.Slack, "T0B", "UB1", null, "DB1", "UBOTB"), "Bob", "en-US", "Europe/London", DateTimeOffset.UtcNow), CancellationToken.None);
        var colleague = await contacts.RecordSightingAsync(new ContactSighting(
            new ConversationReference(MemberIdentity.Teams, "tenant-contoso", "29:colleague", teams.ServiceUrl.ToString(), "a:colleague-personal", "28:alliancebot"),
            "Colleague", "en-US", "Europe/London", DateTimeOffset.UtcNow), CancellationToken.None);
        await database.AddMemberAsync(new NewMember(alliance.AllianceId, alliance.PartnerId, bob.Id), DateTimeOffset.UtcNow, CancellationToken.None);
        await database.AddMemberAsync(new NewMember(alliance.AllianceId, alliance.PartnerId, colleague.Id), DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, (await host.PostFormAsync("/api/slack/commands", Command("pulse now"))).StatusCode);
        await host.WhenIdleAsync();

        var pulses = await SlackDialogTests.WaitForAsync(() => api.CallsTo("chat.postMessage").Where(IsPulseCard).ToList(), found => found.Count >= 2);
        var teamsActivities = await SlackDialogTests.WaitForAsync(() => teams.Activities, found => found.Count > 0);
        // Every outbox row final: nothing more can be sent (instead of waiting half a second for stragglers).
        await SlackDialogTests.WaitForAsync(() =>
        {
            using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
            return Dapper.SqlMapper.ExecuteScalar<long>(connection, "SELECT count(*) FROM outbox WHERE status IN ('pending', 'claimed')");
        }, open => open == 0);
        var round = await database.GetOpenRoundAsync(alliance.AllianceId, CancellationToken.None);

        Assert.Equal(3, round!.InvitedCount);
        pulses = [.. api.CallsTo("chat.postMessage").Where(IsPulseCard)];
        Assert.Equal(2, pulses.Count);
        Assert.Equal(SlackApiStandIn.LegacyToken, SlackApiStandIn.TokenOf(pulses.Single(p => p.Field("channel") == "D" + UserId)));
        Assert.StartsWith("xoxb-T0B-", SlackApiStandIn.TokenOf(pulses.Single(p => p.Field("channel") == "DB1")), StringComparison.Ordinal);
        Assert.Equal("a:colleague-personal", Assert.Single(teams.Activities).Conversation);
    }

    private static bool IsPulseCard(SlackApiCall call) =>
        call.Json?["blocks"] is JsonArray blocks && blocks.Any(b => (string?)b!["type"] == "input" && (string?)b["element"]!["type"] == "radio_buttons");
}
