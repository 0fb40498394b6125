using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Dialogs.Turns;
using Moq;

namespace AllianceBot.Bot.Tests.Teams;

/// <summary>Whatever arrives on /api/messages gets a clear 4xx (or a 200 no-op), never a 5xx, and the host keeps serving.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly Mock<ITurnHandler> _handler = new();
    private TeamsHost _host = null!;

    public Task InitializeAsync()
    {
        _handler.Setup(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>())).ReturnsAsync(TurnResult.None);
        _host = new TeamsHost(handler: _handler.Object);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string, HttpStatusCode> Bodies => new()
    {
        { "empty body", "", HttpStatusCode.BadRequest },
        { "invalid JSON", "{\"type\": \"message\",", HttpStatusCode.BadRequest },
        { "a JSON array", "[1,2,3]", HttpStatusCode.BadRequest },
        { "JSON null", "null", HttpStatusCode.BadRequest },
        { "a string where an object belongs", "{\"type\":\"message\",\"serviceUrl\":\"http://127.0.0.1:9/\",\"from\":\"me\"}", HttpStatusCode.BadRequest },
        { "a number where a string belongs", "{\"type\":42,\"serviceUrl\":\"http://127.0.0.1:9/\"}", HttpStatusCode.BadRequest },
        { "missing type", "{\"serviceUrl\":\"http://127.0.0.1:9/\",\"text\":\"help\"}", HttpStatusCode.BadRequest },
        { "missing serviceUrl", "{\"type\":\"message\",\"text\":\"help\"}", HttpStatusCode.BadRequest },
        { "a serviceUrl that is no URL", "{\"type\":\"message\",\"serviceUrl\":\"javascript:alert(1)\"}", HttpStatusCode.BadRequest },
        { "a message without sender", "{\"type\":\"message\",\"serviceUrl\":\"http://127.0.0.1:9/\",\"conversation\":{\"id\":\"a:1\"},\"text\":\"help\"}", HttpStatusCode.BadRequest },
        { "an unknown activity type", "{\"type\":\"somethingNew\",\"serviceUrl\":\"http://127.0.0.1:9/\",\"from\":{\"id\":\"29:x\"},\"conversation\":{\"id\":\"a:1\"}}", HttpStatusCode.OK },
        { "typing", "{\"type\":\"typing\",\"serviceUrl\":\"http://127.0.0.1:9/\",\"from\":{\"id\":\"29:x\"},\"conversation\":{\"id\":\"a:1\"}}", HttpStatusCode.OK },
        { "an invoke the bot does not handle", "{\"type\":\"invoke\",\"name\":\"composeExtension/query\",\"serviceUrl\":\"http://127.0.0.1:9/\",\"from\":{\"id\":\"29:x\"},\"conversation\":{\"id\":\"a:1\"}}", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task BadInputGetsAClearAnswerAndReachesNoDialog(string what, string body, HttpStatusCode expected)
    {
        var response = await _host.CreateClient().PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(expected == response.StatusCode, $"{what}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        _handler.Verify(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>()), Times.Never);
        await TheHostStillServesAsync();
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"str\"")]
    [InlineData("123")]
    [InlineData("null")]
    [InlineData("{\"action\":[]}")]
    [InlineData("{\"action\":\"x\"}")]
    [InlineData("{\"trigger\":\"manual\"}")]
    public async Task ACardActionInvokeWhoseValueIsNotTheActionObjectIsABadRequest(string value)
    {
        var invoke = Activities.Message("http://127.0.0.1:9/", "");
        invoke["type"] = "invoke";
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = JsonNode.Parse(value);

        var response = await _host.PostActivityAsync(invoke);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{value}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        _handler.Verify(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(0, await _host.CountContactsAsync());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"str\"")]
    [InlineData("{\"verb\":[]}")]
    public async Task ACardSubmitWithAnOddValueNeverFails(string value)
    {
        var message = Activities.Message("http://127.0.0.1:9/", "");
        message["value"] = JsonNode.Parse(value);

        var response = await _host.PostActivityAsync(message);

        Assert.True((int)response.StatusCode < 500, $"{value}: {response.StatusCode}");
        await TheHostStillServesAsync();
    }

    [Fact]
    public async Task ATwoMegabyteBodyIsRefusedWith413()
    {
        var activity = Activities.Message("http://127.0.0.1:9/", new string('x', 2 * 1024 * 1024));

        var response = await _host.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await TheHostStillServesAsync();
    }

    [Fact]
    public async Task ABigBodyWithoutContentLengthIsRefusedWhileReading()
    {
        var content = new StreamContent(new MemoryStream(new byte[2 * 1024 * 1024]));
        content.Headers.ContentLength = null;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _host.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task UnknownFieldsAreKeptAndNeverFatal()
    {
        var activity = Activities.Message("http://127.0.0.1:9/", "help");
        activity["somethingTeamsAddsNextYear"] = new JsonObject { ["nested"] = new JsonArray(1, 2) };
        activity["from"]!["newProperty"] = true;

        var response = await _host.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _handler.Verify(h => h.HandleAsync(It.Is<Turn>(t => t.Text == "help"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ARetriedActivityHasOneEffect()
    {
        var activity = Activities.Message("http://127.0.0.1:9/", "help", id: "retried-1");

        var first = await _host.PostActivityAsync(activity);
        var second = await _host.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        _handler.Verify(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AMessageWithoutATenantIsABadRequestAndNothingIsStored()
    {
        var activity = Activities.Message("http://127.0.0.1:9/", "help");
        activity.Remove("channelData");
        activity["conversation"]!.AsObject().Remove("tenantId");

        var response = await _host.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("tenant", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        _handler.Verify(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(0, await _host.CountContactsAsync());
    }

    [Fact]
    public async Task AnIdentityTooLongToStoreIsABadRequestNotAServerError()
    {
        var activity = Activities.Message("http://127.0.0.1:9/", "help");
        activity["from"]!["id"] = "29:" + new string('u', 400);

        var response = await _host.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        _handler.Verify(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>()), Times.Never);
        await TheHostStillServesAsync();
    }

    [Fact]
    public async Task ALongDisplayNameAndOddLocaleHintsNeverCostThePersonTheirTurn()
    {
        // Entra allows display names of 256 characters; a client may send any locale/time zone string.
        var activity = Activities.Message("http://127.0.0.1:9/", "help");
        activity["from"]!["name"] = new string('A', 256);
        activity["locale"] = "en-US-" + new string('x', 60);
        activity["localTimezone"] = "Europe/" + new string('z', 80);

        var response = await _host.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _handler.Verify(h => h.HandleAsync(It.Is<Turn>(t => t.Text == "help"), It.IsAny<CancellationToken>()), Times.Once);
        var contact = await _host.FindContactAsync();
        Assert.NotNull(contact);
        Assert.StartsWith("AAAA", contact.DisplayName, StringComparison.Ordinal);
        Assert.Equal((null, null), (contact.Locale, contact.TimeZone));
    }

    [Fact]
    public async Task ARetryInAConversationWithAVeryLongIdHasOneEffect()
    {
        var activity = Activities.Message("http://127.0.0.1:9/", "help", id: "1700000000000");
        activity["conversation"] = new JsonObject
        {
            ["id"] = "19:" + new string('c', 240) + "@thread.tacv2;messageid=1700000000000",
            ["conversationType"] = "channel",
            ["tenantId"] = Activities.TenantId,
        };

        var first = await _host.PostActivityAsync(activity);
        var retry = await _host.PostActivityAsync(activity);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        _handler.Verify(h => h.HandleAsync(It.IsAny<Turn>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    private async Task TheHostStillServesAsync()
    {
        var health = await _host.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
