using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Report;

/// <summary>A signed, expiring link to an alliance's steering-committee report, and when it stops working.</summary>
public sealed record ReportLink(string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// Port for the steering-committee report: the host serves the page behind a signed, expiring URL (Bot/Report
/// implements it); the dialog only hands the link to a manager of that alliance, in the manager's language.
/// </summary>
public interface IReportLinks
{
    ReportLink For(Guid allianceId, Language language);
}
