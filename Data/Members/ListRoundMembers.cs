using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Members;

/// <summary>Who a round goes to, with everything the scheduler needs to reach them at their local time.</summary>
public sealed record RoundRecipient(
    Guid MemberId,
    Guid PartnerId,
    MemberRole Role,
    Guid ContactId,
    ConversationReference Reference,
    bool Reachable,
    string? Locale,
    string? TimeZone,
    bool RemindersEnabled);

public static class ListRoundMembersUseCase
{
    internal const string Select = """
        SELECT m.id AS member_id, m.partner_id, m.role, m.reminders_enabled, m.language_override,
               c.id, c.channel, c.tenant_id, c.user_id, c.aad_object_id, c.service_url, c.conversation_id, c.bot_id, c.bot_name,
               c.display_name, c.locale, c.time_zone, c.reachable, c.last_seen_at
        FROM members m JOIN contacts c ON c.id = m.contact_id
        """;

    /// <summary>Active members of the alliance (managers included). Locale is the member's language override when set.</summary>
    public static Task<IReadOnlyList<RoundRecipient>> ListRoundMembersAsync(this Database database, Guid allianceId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection => (IReadOnlyList<RoundRecipient>)(await connection.ListAsync<RecipientRow>(
                $"{Select} WHERE m.alliance_id = @allianceId AND m.removed_at IS NULL ORDER BY m.joined_at, m.id", new { allianceId }, null, cancellationToken))
            .Select(r => r.ToRecipient()).ToList(), cancellationToken);

    internal sealed class RecipientRow
    {
        public Guid MemberId { get; set; }
        public Guid PartnerId { get; set; }
        public string Role { get; set; } = "";
        public bool RemindersEnabled { get; set; }
        public string? LanguageOverride { get; set; }
        public Guid Id { get; set; }
        public string Channel { get; set; } = "";
        public string TenantId { get; set; } = "";
        public string UserId { get; set; } = "";
        public string? AadObjectId { get; set; }
        public string? ServiceUrl { get; set; }
        public string? ConversationId { get; set; }
        public string? BotId { get; set; }
        public string? BotName { get; set; }
        public string? Locale { get; set; }
        public string? TimeZone { get; set; }
        public bool Reachable { get; set; }

        public RoundRecipient ToRecipient() => new(MemberId, PartnerId,
            string.Equals(Role, "manager", StringComparison.Ordinal) ? MemberRole.Manager : MemberRole.Member, Id,
            new ConversationReference(Channel, TenantId, UserId, ServiceUrl, ConversationId, BotId, BotName, AadObjectId),
            Reachable, LanguageOverride ?? Locale, TimeZone, RemindersEnabled);
    }
}
