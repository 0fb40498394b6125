using System.Net;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AllianceBot.Bot.Tests.Teams;

/// <summary>
/// Issue 18: an answer cost 11 connection opens (each with its PRAGMAs), 99 SQLite statements and 3 commits, then 3
/// writer calls (de-duplication, sighting, the answer), each in its own savepoint. This counts what one pulse
/// answer through the real host (/api/messages, Action.Execute) costs the database now — the statements SQLite ran,
/// the connections opened, the writer calls and the commits — so a change that adds round trips shows up here.
/// Counts, not time: the timing is in bench/AllianceBot.Inbound.
/// </summary>
public sealed class AnswerRoundTripTests(ITestOutputHelper output)
{
    private const string ServiceUrl = "http://127.0.0.1:9/";
    private const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
    private static readonly string[] Items = ["calc.agreements.anchor", "rel.intentions.anchor", "calc.competence.deliver"];

    [Fact]
    public async Task AnAnswerThroughTheHostIsTwoWriterCallsAndTwoCommitsOnTheOpenWriterConnection()
    {
        await using var host = new TeamsHost(settings: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            // The outbox dispatcher's poll would now and then share the answer's commit and be counted with it.
            ["Outbox:Dispatcher:Enabled"] = "false",
        });
        var database = host.Services.GetRequiredService<Database>();
        var (allianceId, roundId, memberId) = await OpenRoundSeed.SeedAsync(host, database, ServiceUrl, "round-trips", Items);
        database.Statistics.RecordStatements();

        // The first answer warms what the process keeps (the writer connection, the comment key, caches).
        Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(Answer(allianceId, roundId, "answer-1", 4))).StatusCode);

        database.Statistics.TakeRecorded();
        var before = database.Statistics.Now();
        var preparesBefore = database.Statistics.Prepares;
        var response = await host.PostActivityAsync(Answer(allianceId, roundId, "answer-2", 2));
        var after = database.Statistics.Now();
        var prepares = database.Statistics.Prepares - preparesBefore;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)body["statusCode"]!);
        var stored = await database.GetMyAnswersAsync(roundId, memberId, CancellationToken.None);
        Assert.All(Items, item => Assert.Equal(2, stored.Answers[item]));

        var (opens, commits, work, statements) = (after.Opens - before.Opens, after.Commits - before.Commits, after.Work - before.Work, after.Statements - before.Statements);
        var ran = database.Statistics.TakeRecorded().Take((int)statements).ToList();
        // The statements that do the work, without BEGIN/COMMIT and the savepoints that separate work sharing a commit
        // (how many of those run depends on what the writer found queued together).
        var doing = ran.Count(sql => !sql.TrimStart().StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase) && !sql.TrimStart().StartsWith("COMMIT", StringComparison.OrdinalIgnoreCase)
            && !sql.TrimStart().StartsWith("SAVEPOINT", StringComparison.OrdinalIgnoreCase) && !sql.TrimStart().StartsWith("RELEASE", StringComparison.OrdinalIgnoreCase));
        output.WriteLine($"per answer: {opens} connection opens, {commits} commits carrying {work} database calls, {statements} statements, {doing} doing the work, {prepares} prepared");
        foreach (var sql in ran)
        {
            output.WriteLine("  " + sql.ReplaceLineEndings(" "));
        }

        // One connection for everything, and two writer calls: the de-duplication (awaited before the dialogs run), then
        // the pulse, which carries the contact sighting held for it and runs it first in its savepoint (under load the
        // writer also groups each call with other requests'); no query asks for a guided-dialog state nobody has. Work
        // statements: de-duplication, sighting, one check (round, membership, partner, the comment shown on the
        // thank-you, whether any "don't know" exists), one upsert of the card's three scores (was 10 with the dialog
        // state, 9 before the SQLite statements were combined: round, membership, an upsert per item, the don't-know
        // delete, the comment read). Was 3 writer calls, the sighting in whichever batch it fell into.
        Assert.Equal(0, opens);
        // Every statement of the second answer was prepared for the first and kept on the writer connection.
        Assert.Equal(0, prepares);
        Assert.Equal(2, work);
        Assert.Equal(2, commits);
        Assert.Equal(4, doing);
        Assert.Equal(8, statements);
    }

    [Fact]
    public async Task TheSameDeliveryTwiceAtOnceIsAnsweredOnceAndStoredOnce()
    {
        await using var host = new TeamsHost(settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        var database = host.Services.GetRequiredService<Database>();
        var (allianceId, roundId, memberId) = await OpenRoundSeed.SeedAsync(host, database, ServiceUrl, "racing-repeat", Items);
        Assert.Equal(HttpStatusCode.OK, (await host.PostActivityAsync(Answer(allianceId, roundId, "answer-0", 3))).StatusCode);

        // Teams retrying while the first copy is still being answered: the de-duplication lets one copy through.
        var first = host.PostActivityAsync(Answer(allianceId, roundId, "answer-1", 5));
        var second = host.PostActivityAsync(Answer(allianceId, roundId, "answer-1", 1));
        var responses = await Task.WhenAll(first, second);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stored = await database.GetMyAnswersAsync(roundId, memberId, CancellationToken.None);
        var values = Items.Select(item => stored.Answers[item]).Distinct().ToList();
        // One copy's answers, all three from the same copy; the other was answered as a repeat (an empty invoke response).
        Assert.Single(values);
        Assert.Contains(values[0], new[] { 5, 1 });
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies, body => body.Contains(AdaptiveCardContentType, StringComparison.Ordinal));
    }

    private static JsonObject Answer(Guid allianceId, Guid roundId, string id, int value)
    {
        var data = new JsonObject { ["alliance"] = allianceId.ToString(), ["round"] = roundId.ToString(), ["lang"] = "en" };
        foreach (var item in Items)
        {
            data[item] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var activity = Activities.Message(ServiceUrl, "", id: id);
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "pulse.submit", ["data"] = data }, ["trigger"] = "manual" };
        return activity;
    }
}
