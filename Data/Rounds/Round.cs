using System.Data.Common;
using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Rounds;

public enum RoundKind
{
    /// <summary>Anchors plus rotating items.</summary>
    Regular,

    /// <summary>The whole item bank (quarterly).</summary>
    Full,
}

/// <summary>A pulse round. ItemsJson and ResultJson are owned by the scheduler/trust model; storage keeps them verbatim.</summary>
public sealed record Round(
    Guid Id,
    Guid AllianceId,
    int Number,
    string SlotKey,
    RoundKind Kind,
    string ItemsJson,
    DateTimeOffset OpenedAt,
    DateTimeOffset ClosesAt,
    DateTimeOffset? ClosedAt,
    string? ResultJson,
    int InvitedCount)
{
    public bool IsClosed => ClosedAt is not null;

    /// <summary>Answers are accepted until the round is closed or its closing time has passed.</summary>
    public bool AcceptsAnswersAt(DateTimeOffset now) => ClosedAt is null && now < ClosesAt;
}

internal class RoundRow
{
    public const string Columns = "r.id, r.alliance_id, r.number, r.slot_key, r.kind, r.items_json, r.opened_at, r.closes_at, r.closed_at, r.result_json, r.invited_count";

    public Guid Id { get; set; }
    public Guid AllianceId { get; set; }
    public int Number { get; set; }
    public string SlotKey { get; set; } = "";
    public string Kind { get; set; } = "";
    public string ItemsJson { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ResultJson { get; set; }
    public int InvitedCount { get; set; }

    public Round ToRound() => new(Id, AllianceId, Number, SlotKey,
        string.Equals(Kind, "full", StringComparison.Ordinal) ? RoundKind.Full : RoundKind.Regular,
        ItemsJson, OpenedAt, ClosesAt, ClosedAt, ResultJson, InvitedCount);

    public static string KindText(RoundKind kind) => kind == RoundKind.Full ? "full" : "regular";

    public static async Task<Round?> FindAsync(DbConnection connection, DbTransaction? transaction, Guid roundId, CancellationToken cancellationToken) =>
        (await connection.OneOrDefaultAsync<RoundRow>($"SELECT {Columns} FROM rounds r WHERE r.id = @roundId", new { roundId }, transaction, cancellationToken))?.ToRound();
}
