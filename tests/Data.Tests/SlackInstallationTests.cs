using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Slack;
using AllianceBot.Data.Tests.Support;

namespace AllianceBot.Data.Tests;

public class SlackInstallationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static SlackInstallation Workspace(string team, string token = "enc:bot", DateTimeOffset? expires = null) =>
        new(team, null, false, "A0APP", "U0BOT" + team, token, expires is null ? null : "enc:refresh", expires, Seed.Now);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EachWorkspaceFindsItsOwnInstallationAndAReinstallReplacesIt(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var a = Workspace("T0A", "enc:a", Seed.Now.AddHours(12));
        await test.Database.SaveSlackInstallationAsync(a, None);
        await test.Database.SaveSlackInstallationAsync(Workspace("T0B", "enc:b"), None);
        await test.Database.SaveSlackInstallationAsync(Workspace("T0B", "enc:b2"), None);

        Assert.Equal(a, await test.Database.FindSlackInstallationAsync("T0A", null, None));
        Assert.Equal("enc:b2", (await test.Database.FindSlackInstallationAsync("T0B", null, None))!.BotTokenEncrypted);
        Assert.Null(await test.Database.FindSlackInstallationAsync("T0C", null, None));
        Assert.Equal(2, (await test.Database.ListSlackInstallationsAsync(None)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnOrgWideInstallServesEveryWorkspaceOfItsOrgAndAWorkspaceInstallComesFirst(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await test.Database.SaveSlackInstallationAsync(new SlackInstallation(null, "E0ORG", true, "A0APP", "U0BOT", "enc:org", null, null, Seed.Now), None);
        await test.Database.SaveSlackInstallationAsync(Workspace("T0OWN", "enc:own") with { EnterpriseId = "E0ORG" }, None);

        Assert.Equal("enc:org", (await test.Database.FindSlackInstallationAsync("T0ANY", "E0ORG", None))!.BotTokenEncrypted);
        Assert.Equal("enc:own", (await test.Database.FindSlackInstallationAsync("T0OWN", "E0ORG", None))!.BotTokenEncrypted);
        Assert.Null(await test.Database.FindSlackInstallationAsync("T0ANY", "E0OTHER", None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RevokingDeletesTheTokensAndStopsDeliveryToThatWorkspaceOnly(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var gone = await seed.PersonAsync("Gone", MemberIdentity.Slack, "T0A");
        var kept = await seed.PersonAsync("Kept", MemberIdentity.Slack, "T0B");
        var outbox = new OutboxStore(test.Database);
        await outbox.EnqueueAsync(
        [
            new NewOutboxMessage("pulse", null, null, null, MemberIdentity.Slack, "T0A", """{"userId":"U1"}""", "{}", Seed.Now, null),
            new NewOutboxMessage("pulse", null, null, null, MemberIdentity.Slack, "T0B", """{"userId":"U2"}""", "{}", Seed.Now, null),
        ], None);
        await test.Database.SaveSlackInstallationAsync(Workspace("T0A", "enc:a", Seed.Now.AddHours(12)), None);
        await test.Database.SaveSlackInstallationAsync(Workspace("T0B", "enc:b"), None);

        Assert.True(await test.Database.RevokeSlackInstallationAsync("T0A", null, false, "slack: app_uninstalled", Seed.Now.AddHours(1), None));
        Assert.False(await test.Database.RevokeSlackInstallationAsync("T0A", null, false, "slack: app_uninstalled", Seed.Now.AddHours(2), None));

        Assert.Null(await test.Database.FindSlackInstallationAsync("T0A", null, None));
        var revoked = (await test.Database.ListSlackInstallationsAsync(None)).Single(i => i.TeamId == "T0A");
        Assert.Equal((null, null, Seed.Now.AddHours(1)), (revoked.BotTokenEncrypted, revoked.RefreshTokenEncrypted, revoked.RevokedAt));
        Assert.DoesNotContain(await test.AllCellsAsync(), c => c.Value == "enc:a" || c.Value == "enc:refresh");
        Assert.False((await seed.Contacts.FindAsync(gone.Identity, None))!.Reachable);
        Assert.True((await seed.Contacts.FindAsync(kept.Identity, None))!.Reachable);
        var due = await outbox.ClaimAsync("i", 10, Seed.Now.AddHours(3), TimeSpan.FromMinutes(1), None);
        Assert.Equal(["T0B"], due.Select(m => m.TenantId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OnlyOneInstanceHoldsTheRefreshLeaseAndNewTokensReleaseIt(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var a = Workspace("T0A", "enc:a", Seed.Now.AddHours(1));
        await test.Database.SaveSlackInstallationAsync(a, None);
        await test.Database.SaveSlackInstallationAsync(Workspace("T0B", "enc:b", Seed.Now.AddHours(11)), None);

        var expiring = await test.Database.ListSlackInstallationsExpiringAsync(Seed.Now.AddHours(2), Seed.Now, None);
        var first = await test.Database.TryLeaseSlackRefreshAsync(a.Key, Seed.Now, Seed.Now.AddMinutes(5), None);
        var second = await test.Database.TryLeaseSlackRefreshAsync(a.Key, Seed.Now.AddMinutes(1), Seed.Now.AddMinutes(6), None);
        var whileLeased = await test.Database.ListSlackInstallationsExpiringAsync(Seed.Now.AddHours(2), Seed.Now.AddMinutes(1), None);
        await test.Database.UpdateSlackTokensAsync(a.Key, "enc:a2", "enc:r2", Seed.Now.AddHours(13), None);

        Assert.Equal(["T0A"], expiring.Select(i => i.TeamId));
        Assert.True(first);
        Assert.False(second);
        Assert.Empty(whileLeased);
        var refreshed = await test.Database.FindSlackInstallationAsync("T0A", null, None);
        Assert.Equal(("enc:a2", "enc:r2", Seed.Now.AddHours(13)), (refreshed!.BotTokenEncrypted, refreshed.RefreshTokenEncrypted, refreshed.ExpiresAt));
        Assert.True(await test.Database.TryLeaseSlackRefreshAsync(a.Key, Seed.Now.AddMinutes(2), Seed.Now.AddMinutes(7), None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AWorkspaceSeenInAGridOrgIsServedByTheOrgInstallWithoutBeingToldAndRevokingTheOrgStopsIt(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var inOrg = await seed.PersonAsync("In org", MemberIdentity.Slack, "T0GRID1");
        var ownInstall = await seed.PersonAsync("Own install", MemberIdentity.Slack, "T0GRID2");
        await test.Database.SaveSlackInstallationAsync(new SlackInstallation(null, "E0ORG", true, "A0APP", "U0BOT", "enc:org", null, null, Seed.Now), None);
        await test.Database.SaveSlackInstallationAsync(Workspace("T0GRID2", "enc:own") with { EnterpriseId = "E0ORG" }, None);
        await test.Database.RememberSlackEnterpriseTeamAsync("T0GRID1", "E0ORG", Seed.Now, None);
        await test.Database.RememberSlackEnterpriseTeamAsync("T0GRID1", "E0ORG", Seed.Now.AddMinutes(1), None);
        await test.Database.RememberSlackEnterpriseTeamAsync("T0GRID2", "E0ORG", Seed.Now, None);

        var found = await test.Database.FindSlackInstallationAsync("T0GRID1", null, None);
        Assert.True(await test.Database.RevokeSlackInstallationAsync(null, "E0ORG", true, "slack: app_uninstalled", Seed.Now.AddHours(1), None));

        Assert.Equal("enc:org", found!.BotTokenEncrypted);
        Assert.Null(await test.Database.FindSlackInstallationAsync("T0GRID1", null, None));
        Assert.False((await seed.Contacts.FindAsync(inOrg.Identity, None))!.Reachable);
        Assert.True((await seed.Contacts.FindAsync(ownInstall.Identity, None))!.Reachable);
        Assert.Equal("enc:own", (await test.Database.FindSlackInstallationAsync("T0GRID2", null, None))!.BotTokenEncrypted);
    }
}
