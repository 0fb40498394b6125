using System.Text.Json.Nodes;
using AllianceBot.Bot.Tests.Support;
using AllianceBot.Dialogs.Intents;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Tests.Teams;

/// <summary>
/// The Teams manifest's command lists (at most 10 per list): every title is a command the bot understands as typed, and
/// the steering-committee report is offered in teams and group chats, where managers work (issue 17).
/// </summary>
public sealed class ManifestCommandTests
{
    private static readonly JsonArray Lists =
        JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("manifest", "teams", "manifest.json")))!["bots"]![0]!["commandLists"]!.AsArray();

    [Fact]
    public void EveryCommandTitleIsACommandTheBotUnderstands()
    {
        var recognizer = new IntentRecognizer(Options.Create(new RecognitionOptions()));
        var titles = Lists.SelectMany(l => l!["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>())).Distinct().ToList();

        Assert.All(titles, title => Assert.True(recognizer.Recognize(title).Match is { Kind: MatchKind.Command }, $"\"{title}\" is not a command"));
        Assert.All(Lists, l => Assert.InRange(l!["commands"]!.AsArray().Count, 1, 10));
    }

    [Fact]
    public void TheReportIsOfferedInTeamsAndGroupChats()
    {
        var shared = Lists.Single(l => l!["scopes"]!.AsArray().Any(s => s!.GetValue<string>() == "team"))!;
        var recognizer = new IntentRecognizer(Options.Create(new RecognitionOptions()));

        Assert.Contains(shared["commands"]!.AsArray(), c => recognizer.Recognize(c!["title"]!.GetValue<string>()).Match?.Intent == Intent.Report);
    }
}
