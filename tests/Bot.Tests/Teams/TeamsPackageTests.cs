using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Teams.Package;
using AllianceBot.Bot.Tests.Support;

namespace AllianceBot.Bot.Tests.Teams;

/// <summary>
/// Issue 14: the package written by the old script failed <c>unzip -t</c> ("invalid compressed data to inflate") and
/// pointed its privacy and terms links at a placeholder host. The <c>teams-package</c> command must write a zip
/// that Info-ZIP's checker (which reads the local headers) and Microsoft's manifest validator both accept.
/// </summary>
public sealed class TeamsPackageTests : IDisposable
{
    private const string AppId = "6f1b7a3e-2c4d-4e5f-8a9b-0c1d2e3f4a5b";
    private readonly string folder = Directory.CreateTempSubdirectory("teams-package-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task TheCommandWritesAZipThatUnzipTestsCleanAndHoldsTheManifestAndBothIcons()
    {
        var zip = WritePackage("bot.contoso.com");

        var (exitCode, output) = await RunAsync("unzip", "-t", zip);

        Assert.True(exitCode == 0, output);
        Assert.Contains("No errors detected", output, StringComparison.Ordinal);
        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ThePackagedManifestPassesMicrosoftsOfflineValidator()
    {
        var zip = WritePackage("bot.contoso.com");
        ZipFile.ExtractToDirectory(zip, Path.Combine(folder, "unpacked"));

        var result = await NodeScript.RunAsync("tests/teams/validate-manifest.mjs", [Path.Combine(folder, "unpacked", "manifest.json")], TimeSpan.FromMinutes(1));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("[]", result.Stdout.Trim());
    }

    [Fact]
    public async Task TheValidatorRejectsAManifestWithoutAPrivacyUrlSoItsSilenceMeansSomething()
    {
        var manifest = TeamsPackage.Manifest(new(AppId, "bot.contoso.com"));
        manifest["developer"]!.AsObject().Remove("privacyUrl");
        var path = Path.Combine(folder, "broken.json");
        await File.WriteAllTextAsync(path, manifest.ToJsonString());

        var result = await NodeScript.RunAsync("tests/teams/validate-manifest.mjs", [path], TimeSpan.FromMinutes(1));

        Assert.Contains("privacyUrl", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TheManifestCarriesTheAppIdHostAndTheBotsOwnPrivacyAndTermsPages()
    {
        using var archive = ZipFile.OpenRead(WritePackage("Bot.Contoso.com", "--version", "1.2.3"));
        using var stream = archive.GetEntry("manifest.json")!.Open();
        var manifest = JsonNode.Parse(stream)!;

        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal(AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal("1.2.3", manifest["version"]!.GetValue<string>());
        Assert.Equal(["bot.contoso.com"], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("https://bot.contoso.com/privacy", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
        Assert.Equal("https://bot.contoso.com/terms", manifest["developer"]!["termsOfUseUrl"]!.GetValue<string>());
        Assert.DoesNotContain("example.com", manifest.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-guid", "bot.contoso.com", "--app-id")]
    [InlineData(AppId, "https://bot.contoso.com", "--host")]
    [InlineData(AppId, "bot.contoso.com/\"", "--host")]
    [InlineData(AppId, "localhost", "--host")]
    [InlineData(AppId, "", "--host")]
    public void BadInputIsRefusedWithTheOptionsNameAndNoFileIsWritten(string appId, string host, string named)
    {
        var errors = new StringWriter();
        var zip = Path.Combine(folder, "bad.zip");

        var exitCode = TeamsPackage.Run(["teams-package", "--app-id", appId, "--host", host, "--out", zip], TextWriter.Null, errors);

        Assert.Equal(2, exitCode);
        Assert.Contains(named, errors.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(zip));
    }

    [Fact]
    public void AnUnknownOptionIsRefusedWithTheUsage()
    {
        var errors = new StringWriter();

        Assert.Equal(2, TeamsPackage.Run(["teams-package", "--appid", AppId], TextWriter.Null, errors));
        Assert.Contains("Usage: teams-package --app-id", errors.ToString(), StringComparison.Ordinal);
    }

    private string WritePackage(string host, params string[] more)
    {
        var zip = Path.Combine(folder, "alliancebot-teams.zip");
        var output = new StringWriter();
        var errors = new StringWriter();
        var exitCode = TeamsPackage.Run(["teams-package", "--app-id", AppId, "--host", host, "--out", zip, .. more], output, errors);
        Assert.True(exitCode == 0, errors.ToString());
        Assert.Contains(zip, output.ToString(), StringComparison.Ordinal);
        return zip;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start (scripts/setup.sh installs it)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
