namespace AllianceBot.Dialogs.Rounds.Schedules;

public enum DeliveryBasis
{
    /// <summary>The schedule's wall-clock time on the round's date, in the member's own zone.</summary>
    MemberTimeZone,

    /// <summary>The member's zone is unknown (or not a valid id): the alliance's time.</summary>
    AllianceTimeZone,

    /// <summary>The member-local time had already passed when the round opened (or the round was opened by hand).</summary>
    Immediately,
}

public sealed record DeliveryTime(DateTimeOffset At, DeliveryBasis Basis);

/// <summary>
/// When a member's pulse goes out. A partner in New York gets the 10:00 Amsterdam round at 10:00 New York time on
/// the same date; a partner in Tokyo, whose 10:00 came before the round opened, gets it at once rather than a day
/// late (so the round's length stays about the same for everyone). Without a known zone: the alliance's time.
/// </summary>
public static class MemberDelivery
{
    public static DeliveryTime For(PulseSchedule schedule, DateTimeOffset occurrence, string? memberTimeZoneId, DateTimeOffset openedAt)
    {
        if (!TimeZones.TryFind(memberTimeZoneId, out var memberZone))
        {
            return occurrence > openedAt
                ? new DeliveryTime(occurrence, DeliveryBasis.AllianceTimeZone)
                : new DeliveryTime(openedAt, occurrence == openedAt ? DeliveryBasis.AllianceTimeZone : DeliveryBasis.Immediately);
        }

        var local = LocalClock.Resolve(schedule.LocalDateOf(occurrence), schedule.LocalTime, memberZone);
        return local > openedAt
            ? new DeliveryTime(local, DeliveryBasis.MemberTimeZone)
            : new DeliveryTime(openedAt, DeliveryBasis.Immediately);
    }
}
