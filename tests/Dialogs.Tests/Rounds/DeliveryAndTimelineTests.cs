using AllianceBot.Dialogs.Rounds;
using System.ComponentModel.DataAnnotations;
using AllianceBot.Dialogs.Rounds.Schedules;

namespace AllianceBot.Dialogs.Tests.Rounds;

public class DeliveryAndTimelineTests
{
    private static readonly PulseSchedule Amsterdam = PulseSchedule.Default;
    private static readonly DateTimeOffset February = DateTimeOffset.Parse("2026-02-03T10:00:00+01:00");

    [Fact]
    public void AMemberInNewYorkGetsThePulseAtTenNewYorkTimeOnTheSameDate()
    {
        var delivery = MemberDelivery.For(Amsterdam, February, "America/New_York", openedAt: February);

        Assert.Equal(new DeliveryTime(DateTimeOffset.Parse("2026-02-03T15:00:00Z"), DeliveryBasis.MemberTimeZone), delivery);
    }

    [Fact]
    public void AMemberInTokyoWhoseTenOClockHasPassedGetsItAtOnce()
    {
        var delivery = MemberDelivery.For(Amsterdam, February, "Asia/Tokyo", openedAt: February);

        Assert.Equal(new DeliveryTime(February, DeliveryBasis.Immediately), delivery);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    public void WithoutAUsableZoneTheAllianceTimeApplies(string? zone)
    {
        var delivery = MemberDelivery.For(Amsterdam, February, zone, openedAt: February);

        Assert.Equal(new DeliveryTime(February, DeliveryBasis.AllianceTimeZone), delivery);
    }

    [Fact]
    public void InTheWeeksWhereOnlyAmericaHasSwitchedToSummerTimeTheGapIsFiveHours()
    {
        var schedule = ScheduleParser.Parse("every 1 weeks on tuesday from 2026-03-17 10:00", "Europe/Amsterdam", DateOnly.MinValue).Schedule!;
        var occurrence = schedule.NextAfter(DateTimeOffset.Parse("2026-03-16T00:00:00Z"));

        var delivery = MemberDelivery.For(schedule, occurrence, "America/New_York", occurrence);

        Assert.Equal(DateTimeOffset.Parse("2026-03-17T09:00:00Z"), occurrence);
        Assert.Equal(DateTimeOffset.Parse("2026-03-17T14:00:00Z"), delivery.At);
    }

    [Fact]
    public void ARoundOpenedLateAfterDowntimeDeliversWhatIsDueAtOnce()
    {
        var openedAt = DateTimeOffset.Parse("2026-02-03T16:00:00Z");

        Assert.Equal(new DeliveryTime(openedAt, DeliveryBasis.Immediately), MemberDelivery.For(Amsterdam, February, "America/New_York", openedAt));
        Assert.Equal(new DeliveryTime(openedAt, DeliveryBasis.Immediately), MemberDelivery.For(Amsterdam, February, null, openedAt));
        Assert.Equal(
            new DeliveryTime(DateTimeOffset.Parse("2026-02-03T18:00:00Z"), DeliveryBasis.MemberTimeZone),
            MemberDelivery.For(Amsterdam, February, "America/Los_Angeles", openedAt));
    }

    [Fact]
    public void AManualRoundGoesToEveryoneNow()
    {
        var now = DateTimeOffset.Parse("2026-02-10T12:34:00Z");
        var opening = new RoundOpening(Guid.NewGuid(), now, now, Amsterdam, RoundTimeline.Plan(now, Amsterdam.Zone, new RoundTimingOptions()), Manual: true);

        Assert.Equal(new DeliveryTime(now, DeliveryBasis.Immediately), opening.DeliveryFor("America/New_York"));
    }

    [Fact]
    public void RemindersAndCloseKeepTheWallClockTimeAcrossTheAutumnChange()
    {
        var opened = DateTimeOffset.Parse("2026-10-22T10:00:00+02:00");

        var timeline = RoundTimeline.Plan(opened, Amsterdam.Zone, new RoundTimingOptions());

        Assert.Equal(
            [DateTimeOffset.Parse("2026-10-25T10:00:00+01:00"), DateTimeOffset.Parse("2026-10-27T10:00:00+01:00")],
            timeline.Reminders);
        Assert.Equal(DateTimeOffset.Parse("2026-10-29T10:00:00+01:00"), timeline.ClosesAt);
    }

    [Fact]
    public void AMembersReminderCountsFromTheirOwnDelivery()
    {
        var options = new RoundTimingOptions();
        var opened = DateTimeOffset.Parse("2026-10-22T10:00:00+02:00");
        var timeline = RoundTimeline.Plan(opened, Amsterdam.Zone, options);
        var deliveredInNewYork = DateTimeOffset.Parse("2026-10-22T10:00:00-04:00");

        Assert.Equal(DateTimeOffset.Parse("2026-10-25T14:00:00Z"), timeline.ReminderAfterDelivery(deliveredInNewYork, 1, "America/New_York", Amsterdam.Zone, options));
        Assert.Equal(DateTimeOffset.Parse("2026-10-27T14:00:00Z"), timeline.ReminderAfterDelivery(deliveredInNewYork, 2, "America/New_York", Amsterdam.Zone, options));
    }

    [Fact]
    public void AReminderThatWouldFallAfterTheCloseIsDropped()
    {
        var options = new RoundTimingOptions { RemindAfterDays = "3,6.9", CloseAfterDays = 7 };
        var timeline = RoundTimeline.Plan(DateTimeOffset.Parse("2026-10-22T10:00:00+02:00"), Amsterdam.Zone, options);

        Assert.Null(timeline.ReminderAfterDelivery(DateTimeOffset.Parse("2026-10-22T10:00:00-04:00"), 2, "America/New_York", Amsterdam.Zone, options));
    }

    [Theory]
    [InlineData("3,x", 7, "comma-separated")]
    [InlineData("5,3", 7, "increasing")]
    [InlineData("3,8", 7, "before the round closes")]
    [InlineData("1,2,3,4,5,6", 7, "at most 5")]
    public void BadReminderSettingsAreRefusedAtStartUp(string reminders, double closeAfter, string message)
    {
        var options = new RoundTimingOptions { RemindAfterDays = reminders, CloseAfterDays = closeAfter };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void NoRemindersIsAllowed()
    {
        var options = new RoundTimingOptions { RemindAfterDays = "" };

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
        Assert.Empty(RoundTimeline.Plan(February, Amsterdam.Zone, options).Reminders);
    }
}
