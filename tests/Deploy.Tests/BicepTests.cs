using System.Reflection;
using System.Text.Json.Nodes;

using AllianceBot.Tests.Shared;

namespace AllianceBot.Deploy.Tests;

/// <summary>
/// infra/main.bicep compiles and lints clean offline with the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64,
/// restored by this project as a PackageDownload). infra/bicepconfig.json raises every linter rule to an error, and any
/// diagnostic at all fails these tests, so warnings count as errors.
/// </summary>
public sealed class BicepTests
{
    private static readonly string Bicep = typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;

    private static readonly Dictionary<string, string> ParameterSecrets = new()
    {
        ["ALLIANCEBOT_PG_PASSWORD"] = "not-a-real-password",
        ["ALLIANCEBOT_CHART_KEY"] = "not-a-real-key",
        ["ALLIANCEBOT_COMMENT_KEY"] = "not-a-real-key",
        ["ALLIANCEBOT_JOIN_CODE_KEY"] = "not-a-real-key",
    };

    [Fact]
    public async Task MainBicepLintsWithoutASingleDiagnostic()
    {
        var lint = await RunBicepAsync("lint", Tool.Repo("infra", "main.bicep"));

        Assert.True(lint.ExitCode == 0 && lint.Output.Trim().Length == 0, lint.Output);
    }

    [Fact]
    public async Task TheExampleParametersBuildAgainstTheTemplate()
    {
        var build = await RunBicepAsync("build-params", Tool.Repo("infra", "main.example.bicepparam"), "--stdout");

        Assert.True(build.ExitCode == 0 && build.Stderr.Trim().Length == 0, build.Output);
        var parameters = JsonNode.Parse(JsonNode.Parse(build.Stdout)!["parametersJson"]!.GetValue<string>())!["parameters"]!;
        Assert.Equal("UserAssignedMSI", parameters["botAppType"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheLinterConfigurationIsInForceSoAWarningFailsTheBuild()
    {
        var folder = Directory.CreateTempSubdirectory("bicep-lint-");
        try
        {
            File.Copy(Tool.Repo("infra", "bicepconfig.json"), Path.Combine(folder.FullName, "bicepconfig.json"));
            var file = Path.Combine(folder.FullName, "main.bicep");
            await File.WriteAllTextAsync(file, await File.ReadAllTextAsync(Tool.Repo("infra", "main.bicep")) + "\nparam unused string = 'x'\n");

            var lint = await RunBicepAsync("lint", file);

            Assert.NotEqual(0, lint.ExitCode);
            Assert.Contains("Error no-unused-params", lint.Output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TheTemplateHoldsEveryPieceTheHostingGuideNames()
    {
        var template = await BuildAsync();
        var types = Resources(template).Select(r => r["type"]!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.Superset(
            new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "Microsoft.App/containerApps", "Microsoft.App/managedEnvironments", "Microsoft.DBforPostgreSQL/flexibleServers",
                "Microsoft.DBforPostgreSQL/flexibleServers/databases", "Microsoft.KeyVault/vaults", "Microsoft.KeyVault/vaults/secrets",
                "Microsoft.ManagedIdentity/userAssignedIdentities", "Microsoft.BotService/botServices",
                "Microsoft.BotService/botServices/channels", "Microsoft.OperationalInsights/workspaces", "Microsoft.Insights/components",
                "Microsoft.Authorization/roleAssignments",
            },
            types);
        Assert.Equal(["SingleTenant", "UserAssignedMSI", "MultiTenant"], template["parameters"]!["botAppType"]!["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()));
        var bot = Resources(template).Single(r => r["type"]!.GetValue<string>() == "Microsoft.BotService/botServices");
        Assert.Equal("[parameters('botAppType')]", bot["properties"]!["msaAppType"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheEnvironmentsOpenTelemetryAgentSendsTracesAndLogsToApplicationInsights()
    {
        // The bot exports only over OTLP (OTEL_* variables); on Azure the managed agent receives it and sets that endpoint.
        var template = await BuildAsync();
        var environment = Resources(template).Single(r => r["type"]!.GetValue<string>() == "Microsoft.App/managedEnvironments")["properties"]!;

        Assert.Contains("Microsoft.Insights/components", environment["appInsightsConfiguration"]!["connectionString"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["appInsights"], environment["openTelemetryConfiguration"]!["tracesConfiguration"]!["destinations"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(["appInsights"], environment["openTelemetryConfiguration"]!["logsConfiguration"]!["destinations"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public async Task SlackInstallsInSeveralWorkspacesTakeTheirClientSecretAndTokenKeyFromKeyVault()
    {
        var template = await BuildAsync();
        var app = Resources(template).Single(r => r["type"]!.GetValue<string>() == "Microsoft.App/containerApps");
        var env = app["properties"]!["template"]!["containers"]![0]!["env"]!.ToJsonString();

        foreach (var setting in new[] { "Slack__ClientId", "Slack__ClientSecret", "Slack__TokenEncryptionKeys__v1", "Slack__RedirectUrl" })
        {
            Assert.Contains(setting, env, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("parameters('slackClientSecret')", env, StringComparison.Ordinal);
        Assert.DoesNotContain("parameters('slackTokenEncryptionKey')", env, StringComparison.Ordinal);
        Assert.Equal(string.Empty, template["parameters"]!["slackClientId"]!["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheContainerAppListensOn8080ProbesTheHealthEndpointsAndTakesSecretsOnlyFromKeyVault()
    {
        var template = await BuildAsync();
        var app = Resources(template).Single(r => r["type"]!.GetValue<string>() == "Microsoft.App/containerApps");
        var container = app["properties"]!["template"]!["containers"]![0]!;

        Assert.Equal(8080, app["properties"]!["configuration"]!["ingress"]!["targetPort"]!.GetValue<int>());
        Assert.Equal(["/healthz", "/readyz"], container["probes"]!.AsArray().Select(p => p!["httpGet"]!["path"]!.GetValue<string>()));
        // A loop in Bicep compiles to a "copy" block: one secret per name in Key Vault, read with the managed identity.
        var secrets = app["properties"]!["configuration"]!["copy"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "secrets")!["input"]!.ToJsonString();
        Assert.Contains("identity", secrets, StringComparison.Ordinal);
        Assert.Contains("keyVaultUrl", secrets, StringComparison.Ordinal);
        Assert.DoesNotContain("\"value\"", secrets, StringComparison.Ordinal);
        var env = container["env"]!.ToJsonString();
        foreach (var secret in new[] { "postgresAdminPassword", "chartSigningKey", "joinCodeHashKey", "commentKey", "botAppPassword", "slackSigningSecret", "slackBotToken" })
        {
            Assert.DoesNotContain($"parameters('{secret}')", env, StringComparison.Ordinal);
        }

        // Every key Production refuses to start without is set from Key Vault.
        foreach (var setting in new[] { "Links__SigningKey", "Dialogs__JoinCodes__HashKey", "Storage__ConnectionString" })
        {
            Assert.Contains(setting, env, StringComparison.Ordinal);
        }
    }

    private static async Task<JsonObject> BuildAsync()
    {
        var build = await RunBicepAsync("build", Tool.Repo("infra", "main.bicep"), "--stdout");
        Assert.True(build.ExitCode == 0 && build.Stderr.Trim().Length == 0, build.Output);
        return JsonNode.Parse(build.Stdout)!.AsObject();
    }

    /// <summary>Resources of the compiled template (an object keyed by symbolic name, or an array in older output).</summary>
    private static IEnumerable<JsonNode> Resources(JsonObject template) => template["resources"] switch
    {
        JsonObject byName => byName.Select(p => p.Value!),
        JsonArray list => list.Select(r => r!),
        _ => [],
    };

    private static Task<ProcessResult> RunBicepAsync(params string[] args)
    {
        Assert.True(File.Exists(Bicep), $"the Bicep CLI is missing at {Bicep}: dotnet restore tests/Deploy.Tests downloads it");
        return Tool.RunAsync(Bicep, args, ParameterSecrets, TimeSpan.FromMinutes(3));
    }
}
