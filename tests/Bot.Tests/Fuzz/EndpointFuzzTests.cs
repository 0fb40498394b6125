using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Slack.Signing;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Bot.Tests.Slack;
using AllianceBot.Bot.Tests.Teams;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace AllianceBot.Bot.Tests.Fuzz;

/// <summary>
/// Whatever arrives on /api/messages and /api/slack/*, with whatever headers, is answered below 500: a few hundred
/// generated malformed requests per endpoint (FsCheck), through the real hosts with the real dialogs and store.
/// </summary>
public sealed class EndpointFuzzTests : IAsyncLifetime
{
    private const int Cases = 300;
    private const string AppId = "00000000-1111-2222-3333-444444444444";
    private readonly TokenIssuer _issuer = new();
    private LocalServer _connector = null!;
    private LocalServer _keys = null!;

    public async Task InitializeAsync()
    {
        _connector = await LocalServer.StartAsync();
        _connector.Respond = (context, _) =>
        {
            context.Response.StatusCode = 201;
            return context.Response.WriteAsync("{\"id\":\"sent\"}");
        };
        _keys = await LocalServer.StartAsync();
        _keys.Respond = (context, request) => context.Response.WriteAsync(request.PathAndQuery == "/keys" ? _issuer.Jwks() : _issuer.Metadata(_keys.BaseUrl));
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _keys.DisposeAsync();
    }

    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(Cases);

    // ---- generators -------------------------------------------------------------------------------------------

    private static readonly string[] Words =
        ["", " ", "help", "where are we?", "members", "create alliance", "invite", "join ABCDE-FGHIJ", "round now", "pulse", "stop",
         "\u0000", "\uD800", "<at>x</at>", "💥", "null", "{}", "[]", "29:x", "a:1", "msteams", "msteams:COPILOT", "invoke",
         "adaptiveCard/action", "message", "http://127.0.0.1:9/", "https://attacker.example/", "javascript:alert(1)", new string('x', 5000)];

    private static Gen<string> Text =>
        Gen.OneOf(Gen.Elements(Words), ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""), ArbMap.Default.GeneratorFor<NonEmptyString>().Select(s => s.Get));

    private static Gen<JsonNode?> Json(int depth) => depth <= 0
        ? Scalar
        : Gen.Frequency(
            (4, Scalar),
            (1, Gen.ListOf(Json(depth - 1)).Select(items => (JsonNode?)new JsonArray([.. items.Take(5).Select(i => i?.DeepClone())]))),
            (2, from keys in Gen.SubListOf(ActivityKeys.Concat(["action", "verb", "data", "trigger", "id", "tenant", "payload"]).ToArray())
                from values in Gen.ArrayOf(Json(depth - 1), keys.Count)
                select (JsonNode?)Object(keys.Zip(values))));

    private static Gen<JsonNode?> Scalar => Gen.OneOf(
        Gen.Constant<JsonNode?>(null),
        Gen.Choose(int.MinValue, int.MaxValue).Select(i => (JsonNode?)JsonValue.Create(i)),
        ArbMap.Default.GeneratorFor<bool>().Select(b => (JsonNode?)JsonValue.Create(b)),
        ArbMap.Default.GeneratorFor<NormalFloat>().Select(d => (JsonNode?)JsonValue.Create(d.Get)),
        Text.Select(s => (JsonNode?)JsonValue.Create(s)));

    private static JsonObject Object(IEnumerable<(string Key, JsonNode? Value)> pairs)
    {
        var o = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            o[key] = value?.DeepClone();
        }

        return o;
    }

    private static readonly string[] ActivityKeys =
        ["type", "id", "name", "serviceUrl", "channelId", "from", "conversation", "recipient", "text", "value", "channelData", "entities",
         "attachments", "membersAdded", "membersRemoved", "action", "locale", "localTimezone", "timestamp", "replyToId", "textFormat"];

    /// <summary>A real activity with some fields replaced by anything (wrong types, nesting, nulls), or garbage outright.</summary>
    private Gen<string> ActivityBodies =>
        Gen.Frequency(
            (6, from type in Gen.Elements("message", "invoke", "conversationUpdate", "installationUpdate", "typing", "event", "x")
                from name in Gen.Elements<string?>(null, "adaptiveCard/action", "composeExtension/query", "")
                from count in Gen.Choose(0, 3)
                from replaced in Gen.ArrayOf(Gen.Elements(ActivityKeys), count)
                from values in Gen.ArrayOf(Json(3), count)
                select Mutated(type, name, replaced.Zip(values))),
            // Card actions (Action.Execute invokes, Action.Submit messages) whose value is anything at all.
            (3, from type in Gen.Elements("invoke", "message")
                from value in Gen.OneOf(Json(3), Json(2).Select(a => (JsonNode?)new JsonObject { ["action"] = a?.DeepClone() }))
                select Mutated(type, type == "invoke" ? "adaptiveCard/action" : null, [("value", value)])),
            (1, Text),
            (1, Json(4).Select(j => j?.ToJsonString() ?? "null")),
            (1, ArbMap.Default.GeneratorFor<byte[]>().Select(b => Encoding.Latin1.GetString(b ?? []))));

    private string Mutated(string type, string? name, IEnumerable<(string Key, JsonNode? Value)> replacements)
    {
        var activity = Activities.Message(_connector.BaseUrl, "help", id: Guid.NewGuid().ToString("N"));
        activity["type"] = type;
        if (name is not null)
        {
            activity["name"] = name;
            activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "run-intent", ["data"] = new JsonObject { ["intent"] = "help" } } };
        }

        foreach (var (key, value) in replacements)
        {
            activity[key] = value?.DeepClone();
        }

        return activity.ToJsonString();
    }

    private static string B64(string s) => Base64UrlEncoder.Encode(s);

    /// <summary>Authorization headers an attacker or a broken client might send.</summary>
    private Gen<string?> Authorizations =>
        Gen.OneOf(
            Gen.Constant<string?>(null),
            Text.Select(t => (string?)t),
            Text.Select(t => (string?)("Bearer " + t)),
            from parts in Gen.Choose(1, 6)
            from segments in Gen.ArrayOf(Gen.OneOf(Text.Select(B64), Json(2).Select(j => B64(j?.ToJsonString() ?? "null")), Text), parts)
            select (string?)("Bearer " + string.Join('.', segments)),
            from header in Json(2)
            from payload in Json(2)
            select (string?)("Bearer " + B64(header?.ToJsonString() ?? "{}") + "." + B64(payload?.ToJsonString() ?? "{}") + ".c2ln"),
            // Short base64url-looking segments ("a.b.c"), the shape of a token that is no token.
            from parts in Gen.Choose(2, 6)
            from segments in Gen.ArrayOf(Gen.Elements("a", "b", "c", "eyJ", "e30", "", "_-", "AAAA"), parts)
            select (string?)("Bearer " + string.Join('.', segments)),
            // Parsable headers and payloads whose registered claims have the wrong JSON types (iss as a number or an
            // array, exp as a string), signed or not, in three or five parts.
            from alg in Gen.Elements("RS256", "none", "HS256", "RSA-OAEP", "ES256")
            from iss in Gen.OneOf(Json(1), Gen.Elements<JsonNode?>("https://api.botframework.com", "https://sts.windows.net/tenant-entra/"))
            from aud in Gen.OneOf(Json(1), Gen.Constant<JsonNode?>(AppId))
            from exp in Gen.OneOf(Json(1), Gen.Constant<JsonNode?>(DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds()))
            from kid in Gen.OneOf(Json(1), Gen.Constant<JsonNode?>("bf-key-1"))
            from five in ArbMap.Default.GeneratorFor<bool>()
            let header = new JsonObject { ["alg"] = alg, ["kid"] = kid?.DeepClone(), ["enc"] = five ? "A256GCM" : null }
            let payload = new JsonObject { ["iss"] = iss?.DeepClone(), ["aud"] = aud?.DeepClone(), ["exp"] = exp?.DeepClone(), ["serviceurl"] = "http://127.0.0.1:9/" }
            select (string?)("Bearer " + B64(header.ToJsonString()) + "." + B64(payload.ToJsonString()) + (five ? ".a2V5.aXY.Y2lwaGVy.dGFn" : ".c2ln")),
            Gen.Constant<string?>("Bearer " + _issuer.Token("another-app", "https://smba.trafficmanager.net/emea/")));

    private static Gen<string> ContentTypes => Gen.Elements("application/json", "application/x-www-form-urlencoded", "text/plain", "application/json; charset=utf-16", "multipart/form-data; boundary=x", "");

    // ---- properties -------------------------------------------------------------------------------------------

    [Fact]
    public async Task TeamsMessagesInDevelopmentNeverAnswer5xx()
    {
        await using var host = new TeamsHost();
        var client = host.CreateClient();
        var failures = new List<string>();

        Prop.ForAll(Arb.From(from body in ActivityBodies from type in ContentTypes select (body, type)), c =>
        {
            var status = Send(client, "/api/messages", c.body, c.type, null);
            return status < 500 || Fail(failures, status, c.body, null);
        }).Check(Quick);

        Assert.Empty(failures);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task TeamsMessagesInProductionWithAnyAuthorizationNeverAnswer5xx()
    {
        await using var host = new TeamsHost("Production", new Dictionary<string, string?>
        {
            ["Teams:AppId"] = AppId,
            ["Teams:AppPassword"] = "not-used-here",
            ["Teams:TenantId"] = "tenant-entra",
            ["Teams:OpenIdMetadataUrl"] = _keys.BaseUrl + "metadata",
            ["Teams:EntraOpenIdMetadataUrl"] = _keys.BaseUrl + "metadata",
            ["Teams:AllowedServiceUrlHosts:0"] = "127.0.0.1",
        });
        var client = host.CreateClient();
        var failures = new List<string>();

        // Mostly a well-formed activity, so that it is the Authorization header that is put to the test.
        var bodies = Gen.Frequency((3, Gen.Fresh(() => Activities.Message(_connector.BaseUrl, "help", id: Guid.NewGuid().ToString("N")).ToJsonString())), (1, ActivityBodies));
        Prop.ForAll(Arb.From(from body in bodies from auth in Authorizations select (body, auth)), c =>
        {
            var status = Send(client, "/api/messages", c.body, "application/json", request => request.Headers.TryAddWithoutValidation("Authorization", c.auth));
            return (status < 500 && status != 200) || Fail(failures, status, c.body, c.auth);
        }).Check(Quick);

        Assert.Empty(failures);
    }

    [Fact]
    public async Task SlackEndpointsNeverAnswer5xxToSignedGarbage()
    {
        await using var api = await SlackApiStandIn.StartAsync();
        await using var host = new SlackHost(api);
        var client = host.CreateClient();
        var failures = new List<string>();
        var paths = Gen.Elements("/api/slack/events", "/api/slack/interactive", "/api/slack/commands");
        var bodies = Gen.OneOf(
            Text,
            Json(4).Select(j => j?.ToJsonString() ?? "null"),
            from json in Json(4) select "payload=" + Uri.EscapeDataString(json?.ToJsonString() ?? "null"),
            from keys in Gen.SubListOf("team_id", "channel_id", "user_id", "command", "text", "response_url", "trigger_id", "payload", "type", "event")
            from values in Gen.ArrayOf(Text, keys.Count)
            select string.Join('&', keys.Zip(values).Select(kv => kv.First + "=" + Uri.EscapeDataString(kv.Second))),
            from type in Gen.Elements("event_callback", "url_verification", "app_rate_limited", "x")
            from inner in Json(3)
            select new JsonObject { ["type"] = type, ["event_id"] = Guid.NewGuid().ToString("N"), ["team_id"] = "T1", ["event"] = inner?.DeepClone(), ["challenge"] = inner?.DeepClone() }.ToJsonString());

        Prop.ForAll(Arb.From(from path in paths from body in bodies from type in ContentTypes from signed in ArbMap.Default.GeneratorFor<bool>() select (path, body, type, signed)), c =>
        {
            var status = Send(client, c.path, c.body, c.type, request =>
            {
                var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                request.Headers.TryAddWithoutValidation(SlackSignature.TimestampHeader, c.signed ? ts : c.body);
                request.Headers.TryAddWithoutValidation(SlackSignature.SignatureHeader, c.signed ? SlackSignature.Compute(SlackHost.Secret, ts, Encoding.UTF8.GetBytes(c.body)) : "v0=" + c.body);
            });
            return status < 500 || Fail(failures, status, c.body, c.path);
        }).Check(Quick);

        await host.WhenIdleAsync();
        Assert.Empty(failures);
    }

    private static int Send(HttpClient client, string path, string body, string contentType, Action<HttpRequestMessage>? tweak)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            request.Content.Headers.ContentType = type;
        }

        tweak?.Invoke(request);
        using var response = client.SendAsync(request).GetAwaiter().GetResult();
        return (int)response.StatusCode;
    }

    private static bool Fail(List<string> failures, int status, string body, string? detail)
    {
        failures.Add($"{status} for {detail} {body[..Math.Min(body.Length, 400)]}");
        return false;
    }
}
