using System.Collections.Concurrent;
using AllianceBot.Data.Inbound;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Storage;
using AllianceBot.Data.Tests.Support;

namespace AllianceBot.Data.Tests;

public class OutboxTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static NewOutboxMessage Message(int i, DateTimeOffset notBefore, string? key = null) =>
        new("pulse", null, null, null, "msteams", "tenant-a", $$"""{"userId":"29:u{{i}}"}""", $$"""{"n":{{i}}}""", notBefore, key);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EnqueuingTheSameDeduplicationKeyTwiceSendsOnce(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var outbox = new OutboxStore(test.Database);

        var first = await outbox.EnqueueAsync([Message(1, Seed.Now, "round-1/member-1"), Message(2, Seed.Now, "round-1/member-2"), Message(3, Seed.Now)], None);
        var second = await outbox.EnqueueAsync([Message(1, Seed.Now, "round-1/member-1"), Message(4, Seed.Now)], None);
        var claimed = await outbox.ClaimAsync("a", 100, Seed.Now, TimeSpan.FromMinutes(1), None);

        Assert.Equal((3, 1), (first, second));
        Assert.Equal(4, claimed.Count);
        Assert.All(claimed, m => Assert.Equal(OutboxStatus.Claimed, m.Status));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoConsumersNeverClaimTheSameRow(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var outbox = new OutboxStore(test.Database);
        await outbox.EnqueueAsync(Enumerable.Range(0, 300).Select(i => Message(i, Seed.Now.AddSeconds(-i))).ToList(), None);
        var claims = new ConcurrentBag<(string Instance, Guid Id)>();

        async Task ConsumeAsync(string instance)
        {
            while (true)
            {
                var batch = await outbox.ClaimAsync(instance, 7, Seed.Now, TimeSpan.FromMinutes(5), None);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var message in batch)
                {
                    claims.Add((instance, message.Id));
                    await outbox.MarkSentAsync(message.Id, $"msg-{message.Id:N}", Seed.Now, None);
                }
            }
        }

        await Task.WhenAll(Task.Run(() => ConsumeAsync("instance-a")), Task.Run(() => ConsumeAsync("instance-b")));

        Assert.Equal(300, claims.Count);
        Assert.Equal(300, claims.Select(c => c.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnExpiredClaimIsClaimableAgainAndRetriesCountAttempts(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var outbox = new OutboxStore(test.Database);
        await outbox.EnqueueAsync([Message(1, Seed.Now, "k1"), Message(2, Seed.Now.AddHours(1))], None);

        var crashed = Assert.Single(await outbox.ClaimAsync("dead", 10, Seed.Now, TimeSpan.FromMinutes(2), None));
        Assert.Empty(await outbox.ClaimAsync("alive", 10, Seed.Now.AddMinutes(1), TimeSpan.FromMinutes(2), None));
        var reclaimed = Assert.Single(await outbox.ClaimAsync("alive", 10, Seed.Now.AddMinutes(3), TimeSpan.FromMinutes(2), None));
        await outbox.RescheduleAsync(reclaimed.Id, Seed.Now.AddMinutes(5), 0, "429 Too Many Requests", None);
        var throttled = Assert.Single(await outbox.ClaimAsync("alive", 10, Seed.Now.AddMinutes(5), TimeSpan.FromMinutes(2), None));
        Assert.Equal(0, throttled.Attempts); // waiting out a 429 spends no retry budget
        await outbox.RescheduleAsync(throttled.Id, Seed.Now.AddMinutes(10), 1, "503 Service Unavailable", None);
        var retried = Assert.Single(await outbox.ClaimAsync("alive", 10, Seed.Now.AddMinutes(10), TimeSpan.FromMinutes(2), None));
        await outbox.MarkSentAsync(retried.Id, "1:abc", Seed.Now.AddMinutes(10), None);
        var later = Assert.Single(await outbox.ClaimAsync("alive", 10, Seed.Now.AddHours(2), TimeSpan.FromMinutes(2), None));
        await outbox.MarkFinalAsync(later.Id, OutboxStatus.Unreachable, "403 MessageWritesBlocked", Seed.Now.AddHours(2), None);

        Assert.Equal(crashed.Id, reclaimed.Id);
        Assert.Equal((1, Seed.Now.AddMinutes(10)), (retried.Attempts, retried.NextAttemptAt));
        Assert.Equal("1:abc", await outbox.FindSentMessageIdAsync("k1", None));
        Assert.Empty(await outbox.ClaimAsync("alive", 10, Seed.Now.AddDays(1), TimeSpan.FromMinutes(2), None));
        Assert.Equal(StorageErrorKind.InvalidInput, (await Assert.ThrowsAsync<StorageException>(() =>
            outbox.MarkFinalAsync(later.Id, OutboxStatus.Sent, "no", Seed.Now, None))).Kind);
        Assert.Equal(StorageErrorKind.NotFound, (await Assert.ThrowsAsync<StorageException>(() =>
            outbox.MarkSentAsync(Guid.NewGuid(), null, Seed.Now, None))).Kind);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnInboundDeliveryAndAnAlertHaveOneEffectEvenWhenRepeatedConcurrently(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var seed = new Seed(test.Database);
        var world = await seed.AllianceAsync();
        var round = await seed.RoundAsync(world.Id);
        var inbound = new InboundDeduplicator(test.Database);

        var firsts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => inbound.TryBeginAsync("slack", "Ev0123", Seed.Now, None))));
        var otherChannel = await inbound.TryBeginAsync("msteams", "Ev0123", Seed.Now, None);
        var alerts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => test.Database.TryRecordAlertAsync(world.Id, round.Id, "relational-drop", Seed.Now, None))));

        Assert.Single(firsts, f => f);
        Assert.True(otherChannel);
        Assert.Single(alerts, a => a);
        Assert.False(await test.Database.TryRecordAlertAsync(world.Id, round.Id, "relational-drop", Seed.Now.AddHours(1), None));
        Assert.True(await test.Database.TryRecordAlertAsync(world.Id, round.Id, "calculative-floor", Seed.Now, None));
    }
}
