using AllianceBot.Trust;

namespace AllianceBot.Dialogs.HealthCheck;

/// <summary>
/// Port to the bot's signed chart URLs (Bot/Charts implements it over IChartLinks): absolute, expiring links that
/// Teams and Slack fetch without credentials. Dialogs cannot reference the host, so the cards ask through this.
/// </summary>
public interface IHealthChartLinks
{
    /// <summary>The NAV-model picture of the alliance as of this closed round.</summary>
    string Nav(Guid allianceId, Guid roundId, Language language);

    /// <summary>The NAV-model picture itself (the intended course, no alliance figures): for the explain cards.</summary>
    string Model(Language language);

    /// <summary>The trend of both anchors over the rounds up to this closed round.</summary>
    string Trend(Guid allianceId, Guid roundId, Language language);
}
