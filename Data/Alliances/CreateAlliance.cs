using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Trust;

namespace AllianceBot.Data.Alliances;

/// <summary>
/// A new alliance. <paramref name="CreatedBy"/> is the creator's contact id (from IContactStore); the creator becomes
/// its first manager, in <paramref name="CreatorPartner"/> (added to the partners when missing).
/// </summary>
public sealed record NewAlliance(
    string Name,
    Guid CreatedBy,
    string CreatorPartner,
    IReadOnlyList<string>? Partners = null,
    string? TimeZone = null,
    string? Locale = null,
    string? Schedule = null,
    int AnonymityK = AllianceDefaults.AnonymityK,
    int CommentK = AllianceDefaults.CommentK,
    IReadOnlyList<TimeSpan>? ReminderOffsets = null,
    int CloseAfterDays = AllianceDefaults.CloseAfterDays,
    bool IsDemo = false);

public sealed record CreatedAlliance(Alliance Alliance, IReadOnlyList<Partner> Partners, Member Creator);

public static class CreateAllianceUseCase
{
    private const string InsertAlliance = """
        INSERT INTO alliances (id, name, phase, time_zone, locale, schedule, anonymity_k, comment_k, reminder_offsets,
                               close_after_days, is_demo, created_by, created_at)
        VALUES (@Id, @Name, @Phase, @TimeZone, @Locale, @Schedule, @AnonymityK, @CommentK, @ReminderOffsets,
                @CloseAfterDays, @IsDemo, @CreatedBy, @CreatedAt)
        """;

    internal const string InsertPhase = """
        INSERT INTO alliance_phases (id, alliance_id, phase, changed_by, changed_at, reason)
        VALUES (@Id, @AllianceId, @Phase, @ChangedBy, @ChangedAt, @Reason)
        """;

    public static Task<CreatedAlliance> CreateAllianceAsync(this Database database, NewAlliance request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = Guard.Text(request.Name, "Alliance name", Guard.NameLength);
        var creatorPartner = Guard.Text(request.CreatorPartner, "Partner name", Guard.NameLength);
        var partnerNames = (request.Partners ?? []).Select(p => Guard.Text(p, "Partner name", Guard.NameLength))
            .Prepend(creatorPartner).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var (k, commentK) = SetAnonymityUseCase.Check(request.AnonymityK, request.CommentK);
        var offsets = SetScheduleUseCase.CheckOffsets(request.ReminderOffsets ?? AllianceDefaults.ReminderOffsets);
        var row = new AllianceRow
        {
            Id = Guid.NewGuid(),
            Name = name,
            Phase = (int)Phase.GettingAcquainted,
            TimeZone = Guard.TimeZone(request.TimeZone, AllianceDefaults.TimeZone),
            Locale = Guard.OptionalText(request.Locale, "Locale", Guard.LocaleLength) ?? AllianceDefaults.Locale,
            Schedule = Guard.OptionalText(request.Schedule, "Schedule", Guard.NameLength) ?? AllianceDefaults.Schedule,
            AnonymityK = k,
            CommentK = commentK,
            ReminderOffsets = AllianceRow.FormatOffsets(offsets),
            CloseAfterDays = Guard.Range(request.CloseAfterDays, "Close after days", 1, 60),
            IsDemo = request.IsDemo,
            CreatedBy = Guard.Id(request.CreatedBy, "Creator"),
            CreatedAt = now,
        };

        return database.InTransactionAsync(async (connection, transaction) =>
        {
            await ContactExistsAsync(connection, transaction, request.CreatedBy, cancellationToken);
            await connection.ExecAsync(InsertAlliance, row, transaction, cancellationToken);
            await connection.ExecAsync(InsertPhase, new
            {
                Id = Guid.NewGuid(), AllianceId = row.Id, row.Phase, ChangedBy = row.CreatedBy, ChangedAt = now, Reason = "created",
            }, transaction, cancellationToken);
            var partners = new List<Partner>();
            foreach (var partnerName in partnerNames)
            {
                partners.Add(await PartnersUseCase.InsertPartnerAsync(connection, transaction, row.Id, partnerName, now, cancellationToken));
            }

            var creator = await AddMemberUseCase.InsertMemberAsync(connection, transaction,
                new NewMember(row.Id, partners[0].Id, request.CreatedBy, MemberRole.Manager), now, cancellationToken);
            return new CreatedAlliance(row.ToAlliance(), partners, creator);
        }, cancellationToken);
    }

    internal static async Task ContactExistsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, Guid contactId, CancellationToken cancellationToken)
    {
        var found = await connection.ScalarAsync<int>("SELECT COUNT(*) FROM contacts WHERE id = @contactId", new { contactId }, transaction, cancellationToken);
        if (found == 0)
        {
            throw StorageException.NotFound("Contact", contactId);
        }
    }
}
