using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;

namespace AllianceBot.Data.Tests;

/// <summary>
/// Issue 18: on SQLite the inbound pipeline no longer waits for the contact sighting's commit before the turn runs
/// (<see cref="IContactStore.KeepsCallOrder"/>). That is only right if the one writer connection runs calls in the order
/// they were made — including a read queued behind a write in the same batch, which used to run before it.
/// </summary>
public sealed class SqliteWriterOrderTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AReadQueuedBehindAWriteThatWasNotAwaitedSeesThatWrite()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        var contacts = new ContactStore(test.Database);
        Assert.True(contacts.KeepsCallOrder);
        var reference = new ConversationReference(MemberIdentity.Teams, "tenant-a", "29:new-person", "https://smba.example/emea/", "a:conv", "28:bot", "AllianceBot", null);

        // Hold the writer, so that the sighting and the read queue up behind it and run as one batch.
        var gate = new TaskCompletionSource();
        var holding = test.Database.InTransactionAsync(async (_, _) =>
        {
            await gate.Task;
            return 0;
        }, None);
        var sighting = contacts.RecordSightingAsync(new ContactSighting(reference, "New", "en-US", null, Seed.Now), None);
        var seen = test.Database.ReadAsync(connection => connection.ScalarAsync<long>(
            "SELECT COUNT(*) FROM contacts WHERE user_id = @user", new { user = "29:new-person" }, null, None), None);
        gate.SetResult();

        await holding;
        await sighting;
        Assert.Equal(1, await seen);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OnlyTheStoreThatRunsCallsInOrderSaysSo(string provider)
    {
        // PostgreSQL runs each call on its own pooled connection: there the pipeline still waits for the sighting.
        await using var test = await TestDatabase.CreateAsync(provider);
        Assert.Equal(provider == "sqlite", new ContactStore(test.Database).KeepsCallOrder);
    }
}
