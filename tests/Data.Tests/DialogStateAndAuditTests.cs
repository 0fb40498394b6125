using AllianceBot.Data.Audit;
using AllianceBot.Data.DialogStates;
using AllianceBot.Data.Members;
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
    public async Task AStateSavedAfterSomeoneWasLookedUpWithoutOneIsFoundAndStaysTheirs(string provider)
    {
        // Issue 18: on SQLite "who has a dialog state" is kept between turns; a save or delete must show at once.
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var (ada, bob) = (await seed.PersonAsync("Ada"), await seed.PersonAsync("Bob"));
        async Task<IReadOnlyList<string>> DialogsAsync(Contact person) =>
            (await test.Database.ListDialogStatesAsync(person.Identity, Seed.Now, None)).Select(d => d.Dialog).ToList();

        Assert.Empty(await DialogsAsync(ada));
        await test.Database.SaveDialogStateAsync(ada.Identity, "join", """{"step":1}""", Seed.Now, Seed.Now.AddHours(1), None);
        Assert.Equal(["join"], await DialogsAsync(ada));
        Assert.Empty(await DialogsAsync(bob));
        await test.Database.DeleteDialogStateAsync(ada.Identity, "join", None);
        Assert.Empty(await DialogsAsync(ada));
    }

    [Fact]
    public async Task OnSqliteATurnOfSomeoneWithoutADialogStateRunsNoStatementForIt()
    {
        // Issue 18: every turn asks for the person's guided-dialog state; it used to be one query per turn.
        await using var test = await TestDatabase.CreateAsync("sqlite");
        var seed = new Seed(test.Database);
        var (ada, bob) = (await seed.PersonAsync("Ada"), await seed.PersonAsync("Bob"));
        await test.Database.SaveDialogStateAsync(ada.Identity, "join", """{"step":1}""", Seed.Now, Seed.Now.AddHours(1), None);
        Assert.Empty(await test.Database.ListDialogStatesAsync(bob.Identity, Seed.Now, None));
        test.Database.Statistics.CountStatements();

        var before = test.Database.Statistics.Statements;
        Assert.Empty(await test.Database.ListDialogStatesAsync(bob.Identity, Seed.Now, None));
        Assert.Equal(0, test.Database.Statistics.Statements - before);
        Assert.Single(await test.Database.ListDialogStatesAsync(ada.Identity, Seed.Now, None));
        Assert.Equal(1, test.Database.Statistics.Statements - before);
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
