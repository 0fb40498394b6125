using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AllianceBot.Bot.Teams.Package;

/// <summary>
/// The Teams app package: manifest.json (with the bot's app id, host and legal page links filled in) and the two
/// icons, in a zip written by System.IO.Compression. The manifest template and icons are embedded in this assembly
/// from manifest/teams/, so the package is built from the same bits as the bot that answers it.
/// </summary>
public static partial class TeamsPackage
{
    public sealed record Request(string AppId, string Host, string? Version = null);

    /// <summary>The manifest as it goes into the package; throws <see cref="ArgumentException"/> naming the bad input.</summary>
    public static JsonObject Manifest(Request request)
    {
        if (!Guid.TryParseExact(request.AppId, "D", out var appId))
        {
            throw new ArgumentException($"--app-id must be the bot's Entra application (client) id, a GUID like 6f1b7a3e-2c4d-4e5f-8a9b-0c1d2e3f4a5b; got '{request.AppId}'");
        }

        if (!HostName().IsMatch(request.Host ?? ""))
        {
            throw new ArgumentException($"--host must be the bot's public host name without scheme or path, like bot.contoso.com; got '{request.Host}'");
        }

        if (request.Version is { } version && !SemanticVersion().IsMatch(version))
        {
            throw new ArgumentException($"--version must be a version like 1.0.1; got '{version}'");
        }

        var host = request.Host!.ToLowerInvariant();
        var manifest = JsonNode.Parse(Resource("manifest.json"))!.AsObject();
        var id = appId.ToString("D");
        manifest["id"] = id;
        manifest["bots"]![0]!["botId"] = id;
        manifest["validDomains"] = new JsonArray(host);
        var developer = manifest["developer"]!;
        developer["websiteUrl"] = $"https://{host}/";
        developer["privacyUrl"] = $"https://{host}/privacy";
        developer["termsOfUseUrl"] = $"https://{host}/terms";
        if (request.Version is not null)
        {
            manifest["version"] = request.Version;
        }

        return manifest;
    }

    /// <summary>Writes the package to <paramref name="output"/>: manifest.json and the two icons at the zip's root.</summary>
    public static void Write(Request request, Stream output)
    {
        var manifest = Manifest(request);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Add(zip, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest, new JsonSerializerOptions { WriteIndented = true }));
        Add(zip, manifest["icons"]!["color"]!.GetValue<string>(), Resource("color.png"));
        Add(zip, manifest["icons"]!["outline"]!.GetValue<string>(), Resource("outline.png"));
    }

    /// <summary>
    /// <c>teams-package --app-id GUID --host HOST [--version X.Y.Z] [--out FILE]</c>: writes the zip (default
    /// dist/alliancebot-teams.zip) and returns 0, or prints what is wrong and returns 2.
    /// </summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] is not ("--app-id" or "--host" or "--version" or "--out") || i + 1 >= args.Count)
            {
                errors.WriteLine($"teams-package: unexpected '{args[i]}'. Usage: teams-package --app-id <GUID> --host <bot.contoso.com> [--version 1.0.1] [--out dist/alliancebot-teams.zip]");
                return 2;
            }

            options[args[i]] = args[++i];
        }

        var path = Path.GetFullPath(options.GetValueOrDefault("--out") ?? Path.Combine("dist", "alliancebot-teams.zip"));
        try
        {
            var request = new Request(options.GetValueOrDefault("--app-id") ?? "", options.GetValueOrDefault("--host") ?? "", options.GetValueOrDefault("--version"));
            using var buffer = new MemoryStream();
            Write(request, buffer);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, buffer.ToArray());
        }
        catch (ArgumentException e)
        {
            errors.WriteLine($"teams-package: {e.Message}");
            return 2;
        }

        output.WriteLine($"wrote {path}");
        return 0;
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static byte[] Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"TeamsPackage/{name}")
            ?? throw new InvalidOperationException($"TeamsPackage/{name} is not embedded in the bot assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // DNS labels (letters, digits, inner hyphens), at least two of them, optionally a port.
    [GeneratedRegex(@"^(?=.{1,253}(:|$))([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(:[0-9]{1,5})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostName();

    [GeneratedRegex(@"^[0-9]{1,5}\.[0-9]{1,5}\.[0-9]{1,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex SemanticVersion();
}
