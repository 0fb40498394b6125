using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Members;

/// <summary>A member's own settings. LanguageOverride null means "use the channel's locale".</summary>
public sealed record MemberPreferences(bool RemindersEnabled, string? LanguageOverride);

public static class ChangeMemberUseCase
{
    public static Task<Member> SetRoleAsync(this Database database, Guid memberId, MemberRole role, CancellationToken cancellationToken) =>
        UpdateAsync(database, memberId, "UPDATE members SET role = @role WHERE id = @memberId", new { memberId, role = role.Text() }, cancellationToken);

    /// <summary>Removes the member from the alliance; their past answers stay in the aggregates (use ForgetMember to erase them).</summary>
    public static Task<Member> RemoveMemberAsync(this Database database, Guid memberId, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(database, memberId, "UPDATE members SET removed_at = @now WHERE id = @memberId", new { memberId, now }, cancellationToken);

    public static Task<Member> SetPreferencesAsync(this Database database, Guid memberId, MemberPreferences preferences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        var language = Guard.OptionalText(preferences.LanguageOverride, "Language", Guard.LocaleLength);
        return UpdateAsync(database, memberId, "UPDATE members SET reminders_enabled = @reminders, language_override = @language WHERE id = @memberId",
            new { memberId, reminders = preferences.RemindersEnabled, language }, cancellationToken);
    }

    private static Task<Member> UpdateAsync(Database database, Guid memberId, string sql, object parameters, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var changed = await connection.ExecAsync(sql, parameters, transaction, cancellationToken);
            if (changed == 0)
            {
                throw StorageException.NotFound("Member", memberId);
            }

            return (await connection.OneOrDefaultAsync<MemberRow>($"SELECT {MemberRow.Columns} FROM members m WHERE m.id = @memberId",
                new { memberId }, transaction, cancellationToken))!.ToMember();
        }, cancellationToken);
}
