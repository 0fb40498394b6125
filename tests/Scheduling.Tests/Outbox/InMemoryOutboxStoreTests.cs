using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Dialogs.Views;
using AllianceBot.Scheduling.Outbox;
using AllianceBot.Scheduling.Tests.Fakes;

namespace AllianceBot.Scheduling.Tests.Outbox;

/// <summary>The test double keeps the IOutboxStore contract the dispatcher relies on.</summary>
public class InMemoryOutboxStoreTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-01T10:00:00Z");

    private static NewOutboxMessage Message(string user, DateTimeOffset notBefore, string? key = null) =>
        OutboxJson.Compose("pulse", new ConversationReference(MemberIdentity.Teams, "t", user, "http://127.0.0.1/", null, "28:b"), new MessageView("hi"), notBefore, deduplicationKey: key);

    [Fact]
    public async Task ClaimsAreLeasedAndReclaimableOnlyAfterTheLease()
    {
        var store = new InMemoryOutboxStore();
        await store.EnqueueAsync([Message("a", Now), Message("b", Now.AddMinutes(5))], CancellationToken.None);

        var first = await store.ClaimAsync("one", 10, Now, TimeSpan.FromMinutes(1), CancellationToken.None);
        var meanwhile = await store.ClaimAsync("two", 10, Now.AddSeconds(59), TimeSpan.FromMinutes(1), CancellationToken.None);
        var afterLease = await store.ClaimAsync("two", 10, Now.AddMinutes(1), TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Single(first);
        Assert.Empty(meanwhile);
        Assert.Equal(first[0].Id, Assert.Single(afterLease).Id);
    }

    [Fact]
    public async Task DuplicateKeysAreSkippedAndReschedulingCountsAnAttempt()
    {
        var store = new InMemoryOutboxStore();
        Assert.Equal(1, await store.EnqueueAsync([Message("a", Now, "round-1/a"), Message("a", Now, "round-1/a")], CancellationToken.None));
        var claimed = Assert.Single(await store.ClaimAsync("one", 10, Now, TimeSpan.FromMinutes(1), CancellationToken.None));

        await store.RescheduleAsync(claimed.Id, Now.AddSeconds(30), "503", CancellationToken.None);

        Assert.Empty(await store.ClaimAsync("one", 10, Now.AddSeconds(29), TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Equal(1, Assert.Single(await store.ClaimAsync("one", 10, Now.AddSeconds(30), TimeSpan.FromMinutes(1), CancellationToken.None)).Attempts);
        await Assert.ThrowsAsync<ArgumentException>(() => store.MarkFinalAsync(claimed.Id, OutboxStatus.Sent, "x", Now, CancellationToken.None));
    }
}
