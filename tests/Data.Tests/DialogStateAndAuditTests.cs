using AllianceBot.Data.Audit;
using AllianceBot.Data.DialogStates;
using AllianceBot.Data.Tests.Support;

namespace AllianceBot.Data.Tests;

public class DialogStateAndAuditTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ADialogStateResumesUntilItExpires(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var person = await new Seed(test.Database).PersonAsync();

        await test.Database.SaveDialogStateAsync(person.Identity, "create-alliance", """{"step":1}""", Seed.Now, Seed.Now.AddHours(1), None);
        await test.Database.SaveDialogStateAsync(person.Identity, "create-alliance", """{"step":2}""", Seed.Now.AddMinutes(5), Seed.Now.AddHours(1), None);

        // Read through the path the dialogs use (ListDialogStatesAsync, StoredDialogStates).
        async Task<string?> StateAsync(string dialog, DateTimeOffset at) =>
            (await test.Database.ListDialogStatesAsync(person.Identity, at, None)).SingleOrDefault(d => d.Dialog == dialog)?.StateJson;
        Assert.Equal("""{"step":2}""", await StateAsync("create-alliance", Seed.Now.AddMinutes(59)));
        Assert.Null(await StateAsync("create-alliance", Seed.Now.AddHours(1)));
        Assert.Null(await StateAsync("join", Seed.Now));
        await test.Database.DeleteDialogStateAsync(person.Identity, "create-alliance", None);
        Assert.Null(await StateAsync("create-alliance", Seed.Now));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ManagerActionsAreAuditedNewestFirst(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var world = await new Seed(test.Database).AllianceAsync();

        await test.Database.RecordAuditAsync(new AuditEntry(world.Id, world.Creator.Id, "join-code.create", """{"partner":"KPN"}""", Seed.Now), None);
        await test.Database.RecordAuditAsync(new AuditEntry(world.Id, world.Creator.Id, "phase.set", """{"phase":2}""", Seed.Now.AddDays(1)), None);

        Assert.Equal(["phase.set", "join-code.create"], (await test.Database.ListAuditAsync(world.Id, 10, None)).Select(e => e.Action));
    }
}
