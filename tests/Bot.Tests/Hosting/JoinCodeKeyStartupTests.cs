using AllianceBot.Data.JoinCodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Bot.Tests.Hosting;

/// <summary>
/// Join codes are stored under an HMAC key from configuration (Dialogs:JoinCodes:HashKey). Outside Development the
/// host does not start without one, and says which setting to fill in; Development makes up a key per process.
/// </summary>
public class JoinCodeKeyStartupTests
{
    [Theory]
    [InlineData("")]
    [InlineData("too-short-0123456789")]
    public void ProductionRefusesToStartWithoutAJoinCodeKey(string key)
    {
        using var data = new TestDataFolder();
        using var app = Production(data, key);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Dialogs:JoinCodes:HashKey", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ProductionHashesCodesWithTheConfiguredKey()
    {
        const string Key = "production-join-code-key-0123456789-0123456789";
        using var data = new TestDataFolder();
        using var app = Production(data, Key);

        var hasher = app.Services.GetRequiredService<JoinCodeHasher>();

        Assert.Equal(new JoinCodeHasher(Key).Hash("ABCDE-FGHJK"), hasher.Hash("ABCDE-FGHJK"));
    }

    [Fact]
    public void DevelopmentMakesUpAKeyWhenNoneIsSet()
    {
        using var data = new TestDataFolder();
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("Dialogs:JoinCodes:HashKey", "");
            b.UseSetting("Storage:DataFolder", data.Path);
        });

        var hash = app.Services.GetRequiredService<JoinCodeHasher>().Hash("ABCDE-FGHJK");

        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    private static WebApplicationFactory<Program> Production(TestDataFolder data, string key) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Teams:AppId", "00000000-0000-0000-0000-000000000001");
            b.UseSetting("Teams:AppPassword", "test-secret");
            b.UseSetting("Charts:SigningKey", "join-code-startup-chart-key-0123456789-0123456789");
            b.UseSetting("Dialogs:JoinCodes:HashKey", key);
            b.UseSetting("Storage:DataFolder", data.Path);
        });
}
