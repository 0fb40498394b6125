using System.Net;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Bot.Tests.Teams;

/// <summary>
/// Issue 13 through the real host (/api/messages): the pulse card's "dk" choice arrives by both Teams paths —
/// Action.Execute (invoke adaptiveCard/action, inputs in value.action.data) and the Action.Submit fallback (a message
/// whose value carries the verb and the inputs) — and is stored as "don't know"; a forged value is refused with nothing
/// stored.
/// </summary>
public sealed class DontKnowTeamsTests
{
    private const string ServiceUrl = "http://127.0.0.1:9/";
    private static readonly string[] Items = ["calc.agreements.safeguarded", "rel.intentions.anchor", "calc.competence.deliver"];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DontKnowArrivesByExecuteAndBySubmitAndIsStored(bool execute)
    {
        await using var host = new TeamsHost(settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        var database = host.Services.GetRequiredService<Database>();
        var (allianceId, roundId, memberId) = await OpenRoundSeed.SeedAsync(host, database, ServiceUrl, "dont-know", Items);

        var forged = await host.PostActivityAsync(Answer(allianceId, roundId, "forged", execute, "dk2"));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Empty((await database.GetMyAnswersAsync(roundId, memberId, CancellationToken.None)).Answers);

        var honest = await host.PostActivityAsync(Answer(allianceId, roundId, "honest", execute, "dk"));
        Assert.Equal(HttpStatusCode.OK, honest.StatusCode);
        var stored = await database.GetMyAnswersAsync(roundId, memberId, CancellationToken.None);
        Assert.Equal(AnswerValue.DontKnow, stored.Answers[Items[0]]);
        Assert.Equal([4, 4], Items.Skip(1).Select(i => stored.Answers[i]));
        Assert.DoesNotContain(await database.ListRoundAnswersAsync(roundId, CancellationToken.None), a => a.ItemId == Items[0] && a.Value != AnswerValue.DontKnow);
    }

    /// <summary>The first statement answered with <paramref name="first"/>, the others with 4.</summary>
    private static JsonObject Answer(Guid allianceId, Guid roundId, string id, bool execute, string first)
    {
        var data = new JsonObject { ["alliance"] = allianceId.ToString(), ["round"] = roundId.ToString(), ["lang"] = "en" };
        foreach (var item in Items)
        {
            data[item] = item == Items[0] ? first : "4";
        }

        var activity = Activities.Message(ServiceUrl, "", id: id);
        if (execute)
        {
            activity["type"] = "invoke";
            activity["name"] = "adaptiveCard/action";
            activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "pulse.submit", ["data"] = data }, ["trigger"] = "manual" };
        }
        else
        {
            data["verb"] = "pulse.submit";
            activity["value"] = data;
        }

        return activity;
    }
}
