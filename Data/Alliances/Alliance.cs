using System.Globalization;
using AllianceBot.Trust;

namespace AllianceBot.Data.Alliances;

public sealed record Alliance(
    Guid Id,
    string Name,
    Phase Phase,
    string TimeZone,
    string Locale,
    string Schedule,
    int AnonymityK,
    int CommentK,
    IReadOnlyList<TimeSpan> ReminderOffsets,
    int CloseAfterDays,
    bool IsDemo,
    Guid? CreatedBy,
    DateTimeOffset CreatedAt);

public sealed record Partner(Guid Id, Guid AllianceId, string Name, DateTimeOffset CreatedAt);

/// <summary>What an alliance gets unless the manager says otherwise (DESIGN.md §2, §4).</summary>
public static class AllianceDefaults
{
    public const string TimeZone = "Europe/Amsterdam";
    public const string Locale = Language.FallbackCode;
    public const string Schedule = "first Tuesday 10:00";
    public const int AnonymityK = 5;
    public const int CommentK = 10;
    public const int MinAnonymityK = 3;
    public const int MaxAnonymityK = 25;
    public const int MaxCommentK = 50;
    public const int CloseAfterDays = 7;

    /// <summary>A confirmed lower k applies to rounds that close at least this many days after the last confirmation.</summary>
    public const int LowerAnonymityProposalDays = 7;
    public static readonly IReadOnlyList<TimeSpan> ReminderOffsets = [TimeSpan.FromDays(3), TimeSpan.FromDays(5)];
}

internal sealed class AllianceRow
{
    public const string Columns = """
        a.id, a.name, a.phase, a.time_zone, a.locale, a.schedule, a.anonymity_k, a.comment_k, a.reminder_offsets,
        a.close_after_days, a.is_demo, a.created_by, a.created_at
        """;

    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public int Phase { get; set; }
    public string TimeZone { get; set; } = "";
    public string Locale { get; set; } = "";
    public string Schedule { get; set; } = "";
    public int AnonymityK { get; set; }
    public int CommentK { get; set; }
    public string ReminderOffsets { get; set; } = "";
    public int CloseAfterDays { get; set; }
    public bool IsDemo { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public Alliance ToAlliance() => new(Id, Name, (Phase)Phase, TimeZone, Locale, Schedule, AnonymityK, CommentK,
        ParseOffsets(ReminderOffsets), CloseAfterDays, IsDemo, CreatedBy, CreatedAt);

    public static string FormatOffsets(IEnumerable<TimeSpan> offsets) =>
        string.Join(';', offsets.Select(o => o.ToString("c", CultureInfo.InvariantCulture)));

    public static IReadOnlyList<TimeSpan> ParseOffsets(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(t => TimeSpan.ParseExact(t, "c", CultureInfo.InvariantCulture)).ToList();
}
