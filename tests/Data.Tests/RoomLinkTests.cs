using AllianceBot.Data.Members;
using AllianceBot.Data.Privacy;
using AllianceBot.Data.Rooms;
using AllianceBot.Data.Tests.Support;

namespace AllianceBot.Data.Tests;

public class RoomLinkTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    // Teams channel ids are long and have no documented limit; the key is a hash, the id is kept whole.
    private static readonly string Channel = "19:" + new string('c', 600) + "@thread.tacv2";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ARoomIsLinkedToOneAllianceAtATimeAndCanBeUnlinked(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var first = await seed.AllianceAsync();
        var second = await seed.AllianceAsync();

        await test.Database.LinkRoomAsync(new RoomLink(MemberIdentity.Teams, "tenant-a", Channel, first.Id, RoomAudience.Members, Seed.Now), None);
        var linked = await test.Database.FindRoomLinkAsync(MemberIdentity.Teams, "tenant-a", Channel, None);
        await test.Database.LinkRoomAsync(new RoomLink(MemberIdentity.Teams, "tenant-a", Channel, second.Id, RoomAudience.Managers, Seed.Now.AddHours(1)), None);
        var relinked = await test.Database.FindRoomLinkAsync(MemberIdentity.Teams, "tenant-a", Channel, None);

        Assert.Equal(new RoomLink(MemberIdentity.Teams, "tenant-a", Channel, first.Id, RoomAudience.Members, Seed.Now), linked);
        Assert.Equal((second.Id, RoomAudience.Managers, Seed.Now.AddHours(1)), (relinked!.AllianceId, relinked.Audience, relinked.LinkedAt));
        Assert.Null(await test.Database.FindRoomLinkAsync(MemberIdentity.Teams, "tenant-b", Channel, None));
        Assert.Null(await test.Database.FindRoomLinkAsync(MemberIdentity.Slack, "tenant-a", Channel, None));
        Assert.True(await test.Database.UnlinkRoomAsync(MemberIdentity.Teams, "tenant-a", Channel, None));
        Assert.False(await test.Database.UnlinkRoomAsync(MemberIdentity.Teams, "tenant-a", Channel, None));
        Assert.Null(await test.Database.FindRoomLinkAsync(MemberIdentity.Teams, "tenant-a", Channel, None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeletingAnAllianceRemovesItsRoomLinks(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var doomed = await seed.AllianceAsync();
        var kept = await seed.AllianceAsync();
        await test.Database.LinkRoomAsync(new RoomLink(MemberIdentity.Slack, "T1", "C0DOOMED", doomed.Id, RoomAudience.Members, Seed.Now), None);
        await test.Database.LinkRoomAsync(new RoomLink(MemberIdentity.Slack, "T1", "C0KEPT", kept.Id, RoomAudience.Members, Seed.Now), None);

        await test.Database.DeleteAllianceAsync(doomed.Id, None);

        Assert.Null(await test.Database.FindRoomLinkAsync(MemberIdentity.Slack, "T1", "C0DOOMED", None));
        Assert.NotNull(await test.Database.FindRoomLinkAsync(MemberIdentity.Slack, "T1", "C0KEPT", None));
        Assert.DoesNotContain(await test.AllCellsAsync(), c => c.Value.Contains(doomed.Id.ToString(), StringComparison.OrdinalIgnoreCase));
    }
}
