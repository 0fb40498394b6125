using System.Net;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Dialogs.Turns;
using Moq;

namespace AllianceBot.Bot.Tests.Teams;

/// <summary>
/// What the bot remembers lives in the database: a restart (a new host on the same data folder) keeps it, and
/// concurrent deliveries agree on it.
/// </summary>
public sealed class PersistenceTests
{
    private const string ServiceUrl = "http://127.0.0.1:9/";

    [Fact]
    public async Task AnActivityRetriedAfterARestartHasNoSecondEffect()
    {
        using var data = new TestDataFolder();
        var before = Handler();
        await using (var host = new TeamsHost(handler: before.Object, data: data))
        {
            Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(Activities.Message(ServiceUrl, "help", id: "act-restart"))).StatusCode);
        }

        var after = Handler();
        await using (var host = new TeamsHost(handler: after.Object, data: data))
        {
            var retry = await host.PostActivityAsync(Activities.Message(ServiceUrl, "help", id: "act-restart"));

            // Teams activity ids are unique per conversation only: the same id elsewhere is a new activity.
            var elsewhere = Activities.Message(ServiceUrl, "hulp", id: "act-restart");
            elsewhere["conversation"]!["id"] = "a:personal-2";
            var other = await host.PostActivityAsync(elsewhere);

            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (retry.StatusCode, other.StatusCode));
            var contact = await host.FindContactAsync();
            Assert.Equal(("en-US", "Europe/Amsterdam"), (contact?.Locale, contact?.TimeZone));
        }

        before.Verify(h => h.HandleAsync(It.Is<Turn>(t => t.Text == "help"), It.IsAny<CancellationToken>()), Times.Once);
        after.Verify(h => h.HandleAsync(It.Is<Turn>(t => t.Text == "help"), It.IsAny<CancellationToken>()), Times.Never);
        after.Verify(h => h.HandleAsync(It.Is<Turn>(t => t.Text == "hulp"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ConcurrentActivitiesAndTheirRetriesFromOnePersonAreEachHandledOnceAndMakeOneContact()
    {
        var handler = Handler();
        await using var host = new TeamsHost(handler: handler.Object);
        var activities = Enumerable.Range(0, 12).Select(i => Activities.Message(ServiceUrl, $"help {i}", id: $"act-{i}")).ToList();

        // Every activity twice (Teams retries while the first delivery is still running), all at once.
        var responses = await Task.WhenAll(activities.Concat(activities).Select(a => host.PostActivityAsync(a)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var i in Enumerable.Range(0, 12))
        {
            handler.Verify(h => h.HandleAsync(It.Is<Turn>(t => t.Text == $"help {i}"), It.IsAny<CancellationToken>()), Times.Once);
        }

        Assert.Equal(1, await host.CountContactsAsync());
    }

    private static Mock<ITurnHandler> Handler()
    {
        var handler = new Mock<ITurnHandler>();
        handler.Setup(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>())).ReturnsAsync(TurnResult.None);
        return handler;
    }
}
