namespace AllianceBot.Data.Members;

/// <summary>A contact's membership of one alliance, in one partner organisation.</summary>
public sealed record Member(
    Guid Id,
    Guid AllianceId,
    Guid PartnerId,
    Guid ContactId,
    MemberRole Role,
    bool RemindersEnabled,
    string? LanguageOverride,
    DateTimeOffset JoinedAt,
    DateTimeOffset? RemovedAt)
{
    public bool Active => RemovedAt is null;
}

internal class MemberRow
{
    public const string Columns = "m.id, m.alliance_id, m.partner_id, m.contact_id, m.role, m.reminders_enabled, m.language_override, m.joined_at, m.removed_at";

    public Guid Id { get; set; }
    public Guid AllianceId { get; set; }
    public Guid PartnerId { get; set; }
    public Guid ContactId { get; set; }
    public string Role { get; set; } = "";
    public bool RemindersEnabled { get; set; }
    public string? LanguageOverride { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }

    public Member ToMember() => new(Id, AllianceId, PartnerId, ContactId,
        string.Equals(Role, "manager", StringComparison.Ordinal) ? MemberRole.Manager : MemberRole.Member,
        RemindersEnabled, LanguageOverride, JoinedAt, RemovedAt);
}
