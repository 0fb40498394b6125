using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AllianceBot.Bot.Teams.Activities;
using AllianceBot.Bot.Teams.Inbound;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AllianceBot.Bot.Tests.Teams;

/// <summary>The de-duplication key docs/teams.md gives: lower-case hex SHA-256 of "{conversationId}\n{activityId}".</summary>
public sealed class TeamsDeduplicationKeyTests
{
    [Fact]
    public void ARetryIsRecognisedByTheHashOfConversationAndActivityId()
    {
        var json = Activities.Message("http://127.0.0.1:9/", "help", id: "1700000000000");
        var activity = JsonSerializer.Deserialize<Activity>(json.ToJsonString(), ActivityJson.Options)!;
        var channel = new TeamsChannel(null!, null!, NullLogger<TeamsChannel>.Instance); // Receive sends nothing

        var key = channel.Receive(activity, DateTimeOffset.UnixEpoch).DeduplicationKey;

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{activity.Conversation!.Id}\n1700000000000")));
        Assert.Equal(expected, key);
        Assert.Equal("msteams", channel.Channel);
        var doc = File.ReadAllText(RepoPaths.Combine("docs", "teams.md"));
        Assert.Contains("key = lower-case hex SHA-256 of `{conversationId}\\n{activityId}`", doc, StringComparison.Ordinal);
    }
}
