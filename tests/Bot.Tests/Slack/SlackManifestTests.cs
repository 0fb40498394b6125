using System.Text.Json.Nodes;

namespace AllianceBot.Bot.Tests.Slack;

public sealed class SlackManifestTests
{
    private static readonly string ManifestPath = Path.Combine(NodeTools.RepoRoot, "manifest", "slack", "manifest.json");

    [Fact]
    public void ManifestAsksForExactlyTheScopesEventsAndUrlsTheBotServes()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(ManifestPath))!;

        Assert.Equal(
            ["app_mentions:read", "chat:write", "commands", "im:history", "im:write", "users:read"],
            manifest["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => (string)s!).Order(StringComparer.Ordinal));
        Assert.Equal(["app_home_opened", "app_mention", "message.im"], manifest["settings"]!["event_subscriptions"]!["bot_events"]!.AsArray().Select(s => (string)s!));
        Assert.EndsWith("/api/slack/events", (string?)manifest["settings"]!["event_subscriptions"]!["request_url"], StringComparison.Ordinal);
        Assert.EndsWith("/api/slack/interactive", (string?)manifest["settings"]!["interactivity"]!["request_url"], StringComparison.Ordinal);
        var command = Assert.Single(manifest["features"]!["slash_commands"]!.AsArray())!;
        Assert.Equal("/alliance", (string?)command["command"]);
        Assert.EndsWith("/api/slack/commands", (string?)command["url"], StringComparison.Ordinal);
        Assert.NotNull(manifest["features"]!["bot_user"]);
    }

    [Fact]
    public void ManifestIsReadyForManyWorkspacesAndAsksForTheScopesTheInstallFlowRequests()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(ManifestPath))!;

        Assert.EndsWith(AllianceBot.Bot.Slack.Install.SlackInstallEndpoints.RedirectPath, (string?)Assert.Single(manifest["oauth_config"]!["redirect_urls"]!.AsArray()), StringComparison.Ordinal);
        Assert.True((bool)manifest["settings"]!["org_deploy_enabled"]!);
        Assert.Equal(
            AllianceBot.Bot.Slack.SlackOptions.BotScopes.Order(StringComparer.Ordinal),
            manifest["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => (string)s!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ManifestTypeChecksAgainstSlackWebApiManifestType()
    {
        var dir = Directory.CreateTempSubdirectory("slack-manifest-");
        try
        {
            var types = Path.Combine(NodeTools.ToolsDir, "node_modules", "@slack", "web-api", "dist", "types", "request", "manifest").Replace('\\', '/');
            await File.WriteAllTextAsync(
                Path.Combine(dir.FullName, "manifest.ts"),
                $"import type {{ Manifest }} from '{types}';\nexport const manifest: Manifest = {await File.ReadAllTextAsync(ManifestPath)};\n");
            var tsc = Path.Combine(NodeTools.ToolsDir, "node_modules", "typescript", "bin", "tsc");
            var (exit, output, errors) = await NodeTools.RunAsync(tsc, "--noEmit", "--strict", Path.Combine(dir.FullName, "manifest.ts"));
            Assert.True(exit == 0, output + errors);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
