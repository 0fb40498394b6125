using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace AllianceBot.Dialogs.Rounds.Schedules;

/// <summary>Reminder and close offsets of a round (section "Scheduling:Rounds").</summary>
public sealed class RoundTimingOptions : IValidatableObject
{
    public const string Section = "Scheduling:Rounds";

    /// <summary>Days after a member's delivery at which non-respondents are reminded, comma-separated ("3,5"; "" = none).</summary>
    public string RemindAfterDays { get; set; } = "3,5";

    /// <summary>Days after the round opened at which it closes.</summary>
    [Range(0.00001, 60)]
    public double CloseAfterDays { get; set; } = 7;

    public IReadOnlyList<TimeSpan> ReminderOffsets => ParseDays(RemindAfterDays) ?? [];

    public TimeSpan CloseAfter => TimeSpan.FromDays(CloseAfterDays);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var offsets = ParseDays(RemindAfterDays);
        if (offsets is null)
        {
            yield return new ValidationResult(
                $"Scheduling:Rounds:RemindAfterDays must be comma-separated positive numbers of days, e.g. \"3,5\" (got \"{RemindAfterDays}\").",
                [nameof(RemindAfterDays)]);
            yield break;
        }

        if (offsets.Count > 5 || offsets.Zip(offsets.Skip(1)).Any(p => p.Second <= p.First))
        {
            yield return new ValidationResult("Scheduling:Rounds:RemindAfterDays must be at most 5 values in increasing order.", [nameof(RemindAfterDays)]);
        }

        if (offsets.Count > 0 && offsets[^1] >= CloseAfter)
        {
            yield return new ValidationResult("Every reminder must come before the round closes (Scheduling:Rounds:CloseAfterDays).", [nameof(CloseAfterDays)]);
        }
    }

    private static List<TimeSpan>? ParseDays(string? text)
    {
        var result = new List<TimeSpan>();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var days) || days <= 0)
            {
                return null;
            }

            result.Add(TimeSpan.FromDays(days));
        }

        return result;
    }
}

/// <summary>When a round's reminders go out and when it closes.</summary>
public sealed record RoundTimeline(DateTimeOffset OpenedAt, IReadOnlyList<DateTimeOffset> Reminders, DateTimeOffset ClosesAt)
{
    /// <summary>
    /// Offsets are added on the alliance's wall clock (10:00 + 3 days is 10:00 even across a DST change). The
    /// round-level reminder time is the earliest any member can be due, because nobody is delivered before opening;
    /// each member's own reminder is <see cref="ReminderAfterDelivery"/>.
    /// </summary>
    public static RoundTimeline Plan(DateTimeOffset openedAt, TimeZoneInfo allianceZone, RoundTimingOptions options) =>
        new(
            openedAt,
            options.ReminderOffsets.Select(o => LocalClock.AddLocal(openedAt, o, allianceZone)).ToList(),
            LocalClock.AddLocal(openedAt, options.CloseAfter, allianceZone));

    /// <summary>
    /// A member's reminder <paramref name="reminderNumber"/> (1-based): their delivery plus the offset on their own
    /// wall clock (the alliance's when their zone is unknown); null when that would be at or after the close.
    /// </summary>
    public DateTimeOffset? ReminderAfterDelivery(DateTimeOffset deliveredAt, int reminderNumber, string? memberTimeZoneId, TimeZoneInfo allianceZone, RoundTimingOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(reminderNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reminderNumber, options.ReminderOffsets.Count);
        var zone = TimeZones.TryFind(memberTimeZoneId, out var memberZone) ? memberZone : allianceZone;
        var at = LocalClock.AddLocal(deliveredAt, options.ReminderOffsets[reminderNumber - 1], zone);
        return at < ClosesAt ? at : null;
    }
}
