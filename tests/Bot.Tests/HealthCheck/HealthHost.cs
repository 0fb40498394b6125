using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace AllianceBot.Bot.Tests.HealthCheck;

/// <summary>
/// The real bot host on real SQLite in a temp folder (no stand-in stores), with a fixed clock so the demo's months and
/// the chart links' expiry are the same on every run.
/// </summary>
public sealed class HealthHost : WebApplicationFactory<Program>
{
    private readonly Hosting.TestDataFolder folder = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataFolder", folder.Path);
        builder.UseSetting("Charts:SigningKey", "health-test-key-0123456789-0123456789-0123456789");
        builder.UseSetting("Bot:PublicBaseUrl", "https://bot.example.com/");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }

    /// <summary>A typed message from a Teams user, straight into the bot's turn handler (the Teams layer has its own tests).</summary>
    public async Task<IReadOnlyList<View>> SayAsync(string userId, string locale, string text)
    {
        var identity = new MemberIdentity(MemberIdentity.Teams, "tenant-health", userId);
        var conversation = new ConversationReference(identity.Channel, identity.TenantId, identity.UserId, "https://smba.example.com/", $"a:{userId}", "28:bot", "AllianceBot");
        var turn = new Turn(TurnKind.Message, identity, userId, conversation, ConversationKind.Personal, locale, "Europe/Amsterdam", text, null,
            Guid.NewGuid().ToString("N"), null, Time.GetUtcNow());
        var result = await Services.GetRequiredService<ITurnHandler>().HandleAsync(turn, CancellationToken.None);
        return result.Replies;
    }

    public async Task<CardView> CardAsync(string userId, string locale, string text, CardKind kind)
    {
        var replies = await SayAsync(userId, locale, text);
        var card = Assert.IsType<CardView>(Assert.Single(replies));
        Assert.Equal(kind, card.Kind);
        return card;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            // Dispose can run twice (sync and async disposal); the folder's own Dispose is idempotent.
            folder.Dispose();
        }
    }
}
