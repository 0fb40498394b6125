using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Tests;

/// <summary>
/// Issue 18: the lookup cache kept every person's membership, "my alliances" and member entry until 200,000 entries,
/// so under the inbound benchmark's 20,000 members it only grew (tens of megabytes of RSS nobody read again: a person
/// answers once a round). It is bounded now, and what is used often still stays.
/// </summary>
public sealed class LookupCacheTests
{
    [Fact]
    public async Task TwentyThousandPeopleLookedUpKeepAtMostTheCapacity()
    {
        var cache = new LookupCache();
        for (var person = 0; person < 20_000; person++)
        {
            await cache.GetAsync("membership", (Guid.Empty, $"29:person-{person}"), () => Task.FromResult<object?>(new { person }));
            await cache.GetAsync("member", person, () => Task.FromResult<object?>(new { person }));
        }

        Assert.InRange(cache.Count, 1, LookupCache.Capacity);
    }

    [Fact]
    public async Task WhatIsUsedBetweenManyPeopleIsLoadedOnce()
    {
        var cache = new LookupCache();
        var loads = 0;
        var alliance = Guid.NewGuid();
        for (var person = 0; person < 3 * LookupCache.Capacity; person++)
        {
            await cache.GetAsync("membership", (alliance, $"29:person-{person}"), () => Task.FromResult(person));
            var name = await cache.GetAsync("alliance", alliance, () =>
            {
                loads++;
                return Task.FromResult("Acme × Globex");
            });
            Assert.Equal("Acme × Globex", name);
        }

        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task APersonLookedUpAgainSoonAfterIsNotLoadedAgain()
    {
        var cache = new LookupCache();
        var loads = 0;
        Task<int> Load()
        {
            loads++;
            return Task.FromResult(42);
        }

        await cache.GetAsync("member", "ada", Load);
        // Enough others that Ada's entry has moved to the older generation, not so many that it was dropped.
        for (var person = 0; person < LookupCache.Capacity / 2; person++)
        {
            await cache.GetAsync("member", person, () => Task.FromResult(person));
        }

        Assert.Equal(42, await cache.GetAsync("member", "ada", Load));
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task AChangeStillMakesEveryKeptEntryStale()
    {
        var cache = new LookupCache();
        var value = 1;
        Assert.Equal(1, await cache.GetAsync("round", "r", () => Task.FromResult(value)));
        for (var person = 0; person < LookupCache.Capacity / 2; person++)
        {
            await cache.GetAsync("member", person, () => Task.FromResult(person));
        }

        value = 2;
        cache.Invalidate();
        Assert.Equal(2, await cache.GetAsync("round", "r", () => Task.FromResult(value)));
    }
}
