using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Slack.WebApi;

/// <summary>What users.info tells us about a person that a turn needs.</summary>
public sealed record SlackUserProfile(string? DisplayName, string? Locale, string? TimeZone, bool IsBot);

/// <summary>
/// users.info with an in-memory cache (a cache only: the contact store keeps the last locale and time zone seen).
/// A failed lookup yields an empty profile and is not cached, so the next turn tries again.
/// </summary>
public sealed class SlackUserDirectory(SlackApiClient api, TimeProvider clock, IOptions<SlackOptions> options)
{
    private readonly ConcurrentDictionary<(string Team, string User), (SlackUserProfile Profile, DateTimeOffset Expires)> cache = new();

    public static SlackUserProfile Unknown { get; } = new(null, null, null, false);

    public async Task<SlackUserProfile> GetAsync(string teamId, string userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue((teamId, userId), out var hit) && hit.Expires > now)
        {
            return hit.Profile;
        }

        var answer = await api.UserInfoAsync(teamId, userId, cancellationToken);
        if (!answer.Ok)
        {
            return Unknown;
        }

        var profile = new SlackUserProfile(
            DisplayName: NonEmpty(answer.Get("user", "profile", "display_name")) ?? NonEmpty(answer.Get("user", "real_name")) ?? answer.Get("user", "name"),
            Locale: NonEmpty(answer.Get("user", "locale")),
            TimeZone: NonEmpty(answer.Get("user", "tz")),
            IsBot: answer.Body?["user"]?["is_bot"] is System.Text.Json.Nodes.JsonValue flag && flag.TryGetValue<bool>(out var isBot) && isBot);
        cache[(teamId, userId)] = (profile, now + options.Value.UserInfoCacheDuration);
        return profile;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
