using System.Diagnostics.Metrics;

namespace AllianceBot.Bot.Slack;

/// <summary>Counters of the Slack channel (meter <c>AllianceBot.Slack</c>).</summary>
public static class SlackMetrics
{
    public static readonly Meter Meter = new("AllianceBot.Slack");

    /// <summary>Requests from a workspace where the app is not installed: acknowledged and ignored.</summary>
    public static readonly Counter<long> NotInstalled = Meter.CreateCounter<long>("alliancebot.slack.not_installed");

    public static readonly Counter<long> Installed = Meter.CreateCounter<long>("alliancebot.slack.installed");

    public static readonly Counter<long> Uninstalled = Meter.CreateCounter<long>("alliancebot.slack.uninstalled");
}
