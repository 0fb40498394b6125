using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AllianceBot.Deploy.Tests;

/// <summary>
/// The Dockerfile cannot be built here (no container runtime, no base-image registry), so these tests keep it in step
/// with what ContainerContractTests prove about the publish output and with the projects it must copy.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string Dockerfile = File.ReadAllText(Tool.Repo("Dockerfile"));

    [Fact]
    public void TheImageRunsAsTheNonRootUserOnPort8080WithDataInTheVolumeAndTheBotsOwnHealthCheck()
    {
        var runtime = Dockerfile[Dockerfile.IndexOf("AS runtime", StringComparison.Ordinal)..];

        Assert.Contains("USER $APP_UID", runtime, StringComparison.Ordinal);
        Assert.Matches(@"ASPNETCORE_HTTP_PORTS=8080\b", runtime);
        Assert.Contains("EXPOSE 8080", runtime, StringComparison.Ordinal);
        Assert.Matches(@"Storage__DataFolder=/data\b", runtime);
        Assert.Contains("VOLUME /data", runtime, StringComparison.Ordinal);
        Assert.Contains("chown \"$APP_UID\" /data", runtime, StringComparison.Ordinal);
        Assert.Contains("CMD [\"dotnet\", \"/app/AllianceBot.Bot.dll\", \"healthcheck\"]", runtime, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"/app/AllianceBot.Bot.dll\"]", runtime, StringComparison.Ordinal);
        Assert.True(runtime.IndexOf("USER $APP_UID", StringComparison.Ordinal) > runtime.IndexOf("COPY --from=build", StringComparison.Ordinal), "the app must be copied as root, before USER, so the app user cannot change it");
    }

    [Fact]
    public void EveryProjectTheBotReferencesAndEveryEmbeddedFolderIsCopiedIntoTheBuildStage()
    {
        var copied = CopySources().Matches(Dockerfile).Select(m => m.Groups[1].Value.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        var projects = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([Tool.Repo("Bot", "AllianceBot.Bot.csproj")]);
        while (queue.TryDequeue(out var project))
        {
            if (!projects.Add(Path.GetRelativePath(Tool.RepoRoot, Path.GetDirectoryName(project)!)))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                queue.Enqueue(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference.Attribute("Include")!.Value)));
            }
        }

        Assert.Equal(5, projects.Count);
        Assert.All(projects, project => Assert.Contains(project, copied));
        var embedded = XDocument.Load(Tool.Repo("Bot", "AllianceBot.Bot.csproj")).Descendants("EmbeddedResource")
            .SelectMany(e => e.Attribute("Include")!.Value.Split(';'))
            .Select(path => Path.GetRelativePath(Tool.RepoRoot, Path.GetFullPath(Path.Combine(Tool.Repo("Bot"), FolderBeforeWildcards(path)))));
        Assert.All(embedded, folder => Assert.Contains(folder, copied));
    }

    /// <summary>The folder an include pattern reads from: "../docs/legal/*.md" → "../docs/legal", "**/texts.*.json" → "".</summary>
    private static string FolderBeforeWildcards(string pattern)
    {
        var segments = pattern.Replace('\\', '/').Split('/');
        var fixedPart = segments.TakeWhile(segment => !segment.Contains('*', StringComparison.Ordinal)).ToList();
        if (fixedPart.Count == segments.Length)
        {
            fixedPart.RemoveAt(fixedPart.Count - 1);
        }

        return string.Join('/', fixedPart);
    }

    [Fact]
    public void TheDockerIgnoreKeepsBuildOutputLocalDataAndSecretsOutOfTheContext()
    {
        var ignored = File.ReadAllLines(Tool.Repo(".dockerignore"));

        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "**/bin/", "**/obj/", "data/", ".env", "*.db", "infra/*.bicepparam" }, ignored.ToHashSet(StringComparer.Ordinal));
    }

    // COPY <source> <destination> in the build stage (not --from=...).
    [GeneratedRegex(@"^COPY (?!--)(\S+) \S+$", RegexOptions.Multiline)]
    private static partial Regex CopySources();
}
