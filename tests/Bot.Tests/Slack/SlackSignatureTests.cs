using System.Text;
using System.Text.Json;
using System.Web;
using AllianceBot.Bot.Slack.Signing;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>Our verifier against Slack's own (@slack/bolt isValidSlackRequest) on the same vectors.</summary>
public sealed class SlackSignatureTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    private sealed record Vector(string Name, string Secret, string Body, string? Timestamp, string? Signature, long NowMilliseconds);

    [Fact]
    public async Task OurVerdictsMatchSlackBoltOnEveryVector()
    {
        var vectors = Vectors().ToList();
        var file = Path.Combine(Path.GetTempPath(), $"slack-vectors-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(vectors, JsonSerializerOptions.Web));
        try
        {
            var (exit, output, errors) = await NodeTools.RunAsync(Path.Combine(NodeTools.SlackScripts, "verify-signatures.js"), file);
            Assert.True(exit == 0, errors);
            var bolt = JsonSerializer.Deserialize<bool[]>(output)!;
            Assert.Equal(vectors.Count, bolt.Length);

            var disagreements = vectors.Zip(bolt)
                .Where(p => Ours(p.First) != p.Second)
                .Select(p => $"{p.First.Name}: ours {Ours(p.First)}, bolt {p.Second}")
                .ToList();
            Assert.Empty(disagreements);
            Assert.Contains(bolt, verdict => verdict);
            Assert.Contains(bolt, verdict => !verdict);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Bolt only refuses stale timestamps; PROTOCOLS.md asks for |now − ts| ≤ 300 s. We are stricter on purpose,
    /// and this test pins that difference so it cannot creep in elsewhere.
    /// </summary>
    [Fact]
    public async Task FarFutureTimestampsAreRefusedAlthoughBoltAcceptsThem()
    {
        var future = Signed("future+301s", Secret, """{"type":"event_callback"}""", Now.AddSeconds(301));
        var file = Path.Combine(Path.GetTempPath(), $"slack-vectors-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new[] { future }, JsonSerializerOptions.Web));
        try
        {
            var (exit, output, errors) = await NodeTools.RunAsync(Path.Combine(NodeTools.SlackScripts, "verify-signatures.js"), file);
            Assert.True(exit == 0, errors);
            Assert.Equal([true], JsonSerializer.Deserialize<bool[]>(output)!);
            Assert.Equal(SignatureVerdict.OutsideWindow, Verdict(future));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void GarbledAndMissingHeadersAreNamedAsSuch()
    {
        var body = Encoding.UTF8.GetBytes("{}");
        Assert.Equal(SignatureVerdict.MissingHeaders, SlackSignature.Verify(Secret, null, "v0=00", body, Now));
        Assert.Equal(SignatureVerdict.MissingHeaders, SlackSignature.Verify(Secret, "1", "", body, Now));
        Assert.Equal(SignatureVerdict.MalformedTimestamp, SlackSignature.Verify(Secret, "12e3", "v0=00", body, Now));
        Assert.Equal(SignatureVerdict.MalformedTimestamp, SlackSignature.Verify(Secret, "-5", "v0=00", body, Now));
    }

    private static bool Ours(Vector v) => Verdict(v) == SignatureVerdict.Valid;

    private static SignatureVerdict Verdict(Vector v) =>
        SlackSignature.Verify(v.Secret, v.Timestamp, v.Signature, Encoding.UTF8.GetBytes(v.Body), DateTimeOffset.FromUnixTimeMilliseconds(v.NowMilliseconds));

    private static Vector Signed(string name, string secret, string body, DateTimeOffset at, DateTimeOffset? now = null)
    {
        var ts = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Vector(name, secret, body, ts, SlackSignature.Compute(secret, ts, Encoding.UTF8.GetBytes(body)), (now ?? Now).ToUnixTimeMilliseconds());
    }

    private static IEnumerable<Vector> Vectors()
    {
        const string json = """{"token":"x","team_id":"T1","event":{"type":"message","text":"héllo & <b>","channel_type":"im"},"type":"event_callback","event_id":"Ev1"}""";
        const string form = "token=x&team_id=T1&user_id=U1&command=%2Falliance&text=pulse+now&trigger_id=1.2.3";
        var interactive = "payload=" + HttpUtility.UrlEncode("""{"type":"block_actions","user":{"id":"U1"},"actions":[{"value":"{\"v\":\"x\"}"}]}""");

        foreach (var (kind, body) in new[] { ("json", json), ("form", form), ("interactive", interactive), ("empty", "") })
        {
            yield return Signed($"{kind}: valid", Secret, body, Now);
            yield return Signed($"{kind}: valid, 299 s old", Secret, body, Now.AddSeconds(-299));
            yield return Signed($"{kind}: valid, exactly 300 s old", Secret, body, Now.AddSeconds(-300));
            yield return Signed($"{kind}: stale 301 s", Secret, body, Now.AddSeconds(-301));
            yield return Signed($"{kind}: stale one day", Secret, body, Now.AddDays(-1));
            yield return Signed($"{kind}: 120 s in the future", Secret, body, Now.AddSeconds(120));
            yield return Signed($"{kind}: wrong secret", "another-secret", body, Now) with { Secret = Secret };

            var valid = Signed($"{kind}: tampered", Secret, body, Now);
            yield return valid with { Body = body + " " };
            yield return valid with { Name = $"{kind}: timestamp swapped", Timestamp = Now.AddSeconds(-1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) };
            yield return valid with { Name = $"{kind}: missing timestamp", Timestamp = null };
            yield return valid with { Name = $"{kind}: missing signature", Signature = null };
            yield return valid with { Name = $"{kind}: v1 prefix", Signature = "v1" + valid.Signature![2..] };
            yield return valid with { Name = $"{kind}: upper-case hex", Signature = "v0=" + valid.Signature![3..].ToUpperInvariant() };
            yield return valid with { Name = $"{kind}: truncated", Signature = valid.Signature![..^2] };
            yield return valid with { Name = $"{kind}: garbled timestamp", Timestamp = "not-a-time" };
        }

        // Signed over a re-encoded body: the same content, different bytes, must not verify.
        var reserialized = JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
        yield return Signed("json re-serialized after signing", Secret, json, Now) with { Body = reserialized };
        var pretty = JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, new JsonSerializerOptions { WriteIndented = true });
        yield return Signed("json re-indented after signing", Secret, json, Now) with { Body = pretty };
        yield return Signed("form re-encoded after signing (%20 for +)", Secret, form, Now) with { Body = form.Replace("+", "%20", StringComparison.Ordinal) };
        yield return Signed("form re-encoded after signing (lower-case escapes)", Secret, interactive, Now) with { Body = interactive.Replace("%7b", "%7B", StringComparison.Ordinal) };
    }
}
