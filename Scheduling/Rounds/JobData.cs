using AllianceBot.Dialogs.Rounds;
using System.Globalization;
using Quartz;

namespace AllianceBot.Scheduling.Rounds;

/// <summary>
/// Job data keys and the Quartz keys derived from ids. Values are stored as strings (StoreJobDataAsStrings), so a
/// serializer change can never strand a trigger.
/// </summary>
internal static class JobData
{
    public const string AllianceId = "allianceId";
    public const string Schedule = "schedule";
    public const string Occurrence = "occurrence";
    public const string Attempt = "attempt";
    public const string RoundId = "roundId";
    public const string ReminderNumber = "reminderNumber";

    public const string AllianceGroup = "alliances";
    public const string RoundGroup = "rounds";

    public static JobKey OpenJob(Guid allianceId) => new($"open-{allianceId:N}", AllianceGroup);

    public static TriggerKey OpenTrigger(Guid allianceId) => new($"open-{allianceId:N}", AllianceGroup);

    public static TriggerKey RetryTrigger(Guid allianceId) => new($"open-retry-{allianceId:N}", AllianceGroup);

    public static readonly JobKey RemindJob = new("remind", RoundGroup);

    public static readonly JobKey CloseJob = new("close", RoundGroup);

    public static TriggerKey RemindTrigger(Guid roundId, int number) =>
        new($"remind-{roundId:N}-{number.ToString(CultureInfo.InvariantCulture)}", RoundGroup);

    public static TriggerKey CloseTrigger(Guid roundId) => new($"close-{roundId:N}", RoundGroup);

    public static string Instant(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ReadInstant(JobDataMap map, string key) =>
        DateTimeOffset.Parse(Read(map, key), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static Guid ReadGuid(JobDataMap map, string key) => Guid.Parse(Read(map, key));

    public static int ReadInt(JobDataMap map, string key, int fallback = 0) =>
        map.TryGetValue(key, out var value) && int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : fallback;

    public static string Read(JobDataMap map, string key) =>
        map.TryGetValue(key, out var value) && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text
            ? text
            : throw new JobExecutionException($"Job data '{key}' is missing.");

    /// <summary>A one-shot trigger that, when missed during downtime, fires once as soon as the scheduler is back.</summary>
    public static ITrigger OneShot(TimeProvider time, TriggerKey key, JobKey job, DateTimeOffset at, JobDataMap data) =>
        TriggerBuilder.Create(time)
            .WithIdentity(key)
            .ForJob(job)
            .StartAt(at)
            .WithSchedule(SimpleScheduleBuilder.Create().WithRepeatCount(0).WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .UsingJobData(data)
            .Build();
}
