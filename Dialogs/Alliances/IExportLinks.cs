namespace AllianceBot.Dialogs.Alliances;

/// <summary>A signed, expiring download link and when it stops working.</summary>
public sealed record ExportLink(string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// Port for the aggregates export: the host serves the CSV behind a signed, expiring URL (Bot/Export implements it);
/// the dialog only puts the link on the card, after checking the person is a manager of that alliance.
/// </summary>
public interface IExportLinks
{
    ExportLink For(Guid allianceId);
}
