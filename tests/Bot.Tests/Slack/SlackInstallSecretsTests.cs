using System.Text;
using AllianceBot.Bot.Slack.Install;
using AllianceBot.Data.Slack;
using AllianceBot.Data.Storage;
using Microsoft.Extensions.DependencyInjection;
using static AllianceBot.Bot.Tests.Slack.SlackInstallSupport;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>Installation tokens at rest: never in plain text, tied to their row, and readable across a key rotation.</summary>
public sealed class SlackInstallSecretsTests : IAsyncLifetime
{
    private SlackApiStandIn api = null!;

    public async Task InitializeAsync() => api = await SlackApiStandIn.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task NoTokenIsWrittenToTheDatabaseFilesInPlainText()
    {
        string token, refresh;
        var data = new Hosting.TestDataFolder();
        try
        {
            await using (var host = new SlackHost(api, data: data, settings: Settings()))
            {
                await InstallAsync(host, api, "code-s", new InstallGrant("T0S", null, "UBOTS", Rotates: true));
                var stored = (await host.Services.GetRequiredService<Database>().FindSlackInstallationAsync("T0S", null, CancellationToken.None))!;
                var cipher = host.Services.GetRequiredService<SlackTokenCipher>();
                token = cipher.Decrypt(stored.BotTokenEncrypted, stored.Key)!;
                refresh = cipher.Decrypt(stored.RefreshTokenEncrypted, stored.Key)!;
                Assert.StartsWith("gcm1:v1:", stored.BotTokenEncrypted, StringComparison.Ordinal);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var files = Directory.GetFiles(data.Path, "*", SearchOption.AllDirectories);
            Assert.NotEmpty(files);
            foreach (var file in files)
            {
                var bytes = await File.ReadAllBytesAsync(file);
                Assert.DoesNotContain(token, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
                Assert.DoesNotContain(refresh, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
                Assert.DoesNotContain(token, Encoding.Unicode.GetString(bytes), StringComparison.Ordinal);
            }
        }
        finally
        {
            data.Dispose();
        }
    }

    [Fact]
    public async Task AfterAKeyRotationOldInstallationsStillWorkAndNewOnesUseTheNewKey()
    {
        var data = new Hosting.TestDataFolder();
        try
        {
            await using (var before = new SlackHost(api, data: data, settings: Settings(("v1", KeyV1))))
            {
                await InstallAsync(before, api, "code-old", new InstallGrant("T0OLD", null, "UBOTO"));
            }

            await using var after = new SlackHost(api, data: data, settings: Settings(("v1", KeyV1), ("v2", KeyV2)));
            await InstallAsync(after, api, "code-new", new InstallGrant("T0NEW", null, "UBOTN"));
            var database = after.Services.GetRequiredService<Database>();
            var sent = await after.Services.GetRequiredService<AllianceBot.Bot.Slack.WebApi.SlackMessenger>().SendAsync(
                new Data.Members.ConversationReference(Data.Members.MemberIdentity.Slack, "T0OLD", "UO1", null, "DO1", "UBOTO"),
                new Dialogs.Views.MessageView("still here"), CancellationToken.None);

            Assert.StartsWith("gcm1:v1:", (await database.FindSlackInstallationAsync("T0OLD", null, CancellationToken.None))!.BotTokenEncrypted, StringComparison.Ordinal);
            Assert.StartsWith("gcm1:v2:", (await database.FindSlackInstallationAsync("T0NEW", null, CancellationToken.None))!.BotTokenEncrypted, StringComparison.Ordinal);
            Assert.Equal(Dialogs.Channels.DeliveryStatus.Sent, sent.Status);
            Assert.StartsWith("xoxb-T0OLD-", SlackApiStandIn.TokenOf(api.CallsTo("chat.postMessage").Last()), StringComparison.Ordinal);
        }
        finally
        {
            data.Dispose();
        }
    }

    [Fact]
    public void ACiphertextDoesNotDecryptUnderAnotherInstallationOrKeyOrWhenTampered()
    {
        var v1 = new SlackTokenCipher(new Dictionary<string, string> { ["v1"] = KeyV1 });
        var v2Only = new SlackTokenCipher(new Dictionary<string, string> { ["v2"] = KeyV2 });
        var sealedToken = v1.Encrypt("xoxb-secret", "T:T0A");
        var bytes = Convert.FromBase64String(sealedToken.Split(':')[2]);
        bytes[^1] ^= 1;
        var tampered = "gcm1:v1:" + Convert.ToBase64String(bytes);

        Assert.Equal("xoxb-secret", v1.Decrypt(sealedToken, "T:T0A"));
        Assert.Null(v1.Decrypt(sealedToken, "T:T0B"));
        Assert.Null(v2Only.Decrypt(sealedToken, "T:T0A"));
        Assert.Null(v1.Decrypt(tampered, "T:T0A"));
        Assert.Null(v1.Decrypt("xoxb-secret", "T:T0A"));
        Assert.NotEqual(sealedToken, v1.Encrypt("xoxb-secret", "T:T0A"));
    }

    [Fact]
    public void AKeyThatIsNotThirtyTwoBytesIsNamedAsAProblem()
    {
        var problems = SlackTokenCipher.Problems(new Dictionary<string, string> { ["short"] = Convert.ToBase64String(new byte[16]), ["ok"] = KeyV1, ["bad"] = "not base64!" });

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("Slack:TokenEncryptionKeys:short", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Slack:TokenEncryptionKeys:bad", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutKeysNothingIsEncryptedAtAll()
    {
        var none = new SlackTokenCipher(new Dictionary<string, string>());

        Assert.False(none.IsConfigured);
        Assert.Throws<InvalidOperationException>(() => none.Encrypt("xoxb-secret", "T:T0A"));
    }
}
