using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;
using AllianceBot.Trust;
using PhaseChange = AllianceBot.Data.Alliances.PhaseChange;

namespace AllianceBot.Data.Tests;

public class AllianceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ANewAllianceGetsTheDefaultsAndItsCreatorAsManager(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var creator = await seed.PersonAsync("Anna");

        var created = await test.Database.CreateAllianceAsync(new NewAlliance("Dell–Getronics", creator.Id, "Getronics", ["Dell", "Getronics"]), Seed.Now, None);
        var stored = await test.Database.GetAllianceAsync(created.Alliance.Id, None);

        Assert.Equal(created.Alliance, stored! with { ReminderOffsets = created.Alliance.ReminderOffsets });
        Assert.Equal("Dell–Getronics", stored.Name);
        Assert.Equal(Phase.GettingAcquainted, stored.Phase);
        Assert.Equal("Europe/Amsterdam", stored.TimeZone);
        Assert.Equal("first Tuesday 10:00", stored.Schedule);
        Assert.Equal((5, 10, 7), (stored.AnonymityK, stored.CommentK, stored.CloseAfterDays));
        Assert.Equal([TimeSpan.FromDays(3), TimeSpan.FromDays(5)], stored.ReminderOffsets);
        Assert.Equal(Seed.Now, stored.CreatedAt);
        Assert.False(stored.IsDemo);
        Assert.Equal(["Dell", "Getronics"], (await test.Database.ListPartnersAsync(stored.Id, None)).Select(p => p.Name));
        Assert.Equal(MemberRole.Manager, created.Creator.Role);
        var mine = Assert.Single(await test.Database.ListMyAlliancesAsync(creator.Identity, None));
        Assert.Equal((stored.Id, MemberRole.Manager, "Getronics"), (mine.AllianceId, mine.Role, mine.PartnerName));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SchedulingAndThresholdsAreStored(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync();

        await test.Database.SetScheduleAsync(world.Id, new AllianceSchedule("second Monday 09:30", "Europe/London", [TimeSpan.FromDays(2)], 5), None);
        var changed = await test.Database.SetAnonymityAsync(world.Id, 7, 12, None);

        Assert.Equal(("second Monday 09:30", "Europe/London", 5), (changed.Schedule, changed.TimeZone, changed.CloseAfterDays));
        Assert.Equal([TimeSpan.FromDays(2)], changed.ReminderOffsets);
        Assert.Equal((7, 12), (changed.AnonymityK, changed.CommentK));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PhaseChangesKeepAHistoryOfWhoWhenAndWhy(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync();

        var changed = await test.Database.SetPhaseAsync(world.Id, Phase.Confirmation, world.Creator.Id, "contract signed", Seed.Now.AddDays(30), None);
        var history = await test.Database.GetPhaseHistoryAsync(world.Id, None);

        Assert.Equal(Phase.Confirmation, changed.Phase);
        Assert.Equal(
            [new PhaseChange(Phase.GettingAcquainted, world.Creator.Id, Seed.Now, "created"), new PhaseChange(Phase.Confirmation, world.Creator.Id, Seed.Now.AddDays(30), "contract signed")],
            history);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BadInputIsRefusedWithTypedErrors(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync();

        async Task<StorageErrorKind> Kind(Func<Task> act) => (await Assert.ThrowsAsync<StorageException>(act)).Kind;

        Assert.Equal(StorageErrorKind.InvalidInput, await Kind(() => test.Database.CreateAllianceAsync(new NewAlliance(new string('x', 101), world.Creator.Id, "KPN"), Seed.Now, None)));
        Assert.Equal(StorageErrorKind.InvalidInput, await Kind(() => test.Database.CreateAllianceAsync(new NewAlliance("   ", world.Creator.Id, "KPN"), Seed.Now, None)));
        Assert.Equal(StorageErrorKind.InvalidInput, await Kind(() => test.Database.CreateAllianceAsync(new NewAlliance("A", world.Creator.Id, "KPN", TimeZone: "Mars/Olympus"), Seed.Now, None)));
        Assert.Equal(StorageErrorKind.NotFound, await Kind(() => test.Database.CreateAllianceAsync(new NewAlliance("A", Guid.NewGuid(), "KPN"), Seed.Now, None)));
        Assert.Equal(StorageErrorKind.InvalidInput, await Kind(() => test.Database.SetAnonymityAsync(world.Id, 2, 10, None)));
        Assert.Equal(StorageErrorKind.InvalidInput, await Kind(() => test.Database.SetAnonymityAsync(world.Id, 5, 4, None)));
        Assert.Equal(StorageErrorKind.InvalidInput, await Kind(() => test.Database.SetPhaseAsync(world.Id, (Phase)7, world.Creator.Id, null, Seed.Now, None)));
        Assert.Equal(StorageErrorKind.NotFound, await Kind(() => test.Database.SetPhaseAsync(Guid.NewGuid(), Phase.Execution, world.Creator.Id, null, Seed.Now, None)));
        Assert.Equal(StorageErrorKind.Conflict, await Kind(() => test.Database.AddPartnerAsync(world.Id, "kpn", Seed.Now, None)));
        Assert.Equal(StorageErrorKind.InvalidInput, await Kind(() => test.Database.SetScheduleAsync(world.Id, new AllianceSchedule("x", "UTC", [TimeSpan.FromDays(9)], 7), None)));
        Assert.Null(await test.Database.GetAllianceAsync(Guid.NewGuid(), None));
    }
}
