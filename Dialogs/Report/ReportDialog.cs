using AllianceBot.Data.Audit;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Dialogs.Report;

/// <summary>
/// "report" / "rapport" (managers): a signed, expiring link to the steering-committee report, a printable web page with
/// the same anonymity-filtered figures as the health card. A member is refused like for any manager command.
/// </summary>
internal sealed class ReportDialog(IReportLinks links, Database database, TimeProvider time) : IDialog
{
    public void Register(DialogRoutes routes) => routes.OnIntent(Intent.Report, Operation.Report, ReportAsync);

    private async Task<TurnResult> ReportAsync(DialogContext context, AllianceScope scope)
    {
        var texts = context.Texts;
        var link = links.For(scope.Alliance.Id, texts.Language);
        await database.RecordAuditAsync(
            new AuditEntry(scope.Alliance.Id, scope.Member.ContactId, "report.link", null, time.GetUtcNow()), context.CancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(scope.Alliance.TimeZone);
        var title = texts.Format("report.card.title", scope.Alliance.Name);
        return TurnResult.Reply(new CardView(CardKind.Info, title,
        [
            new Paragraph(texts["report.card.body"]),
            new FactList([new Fact(texts["report.card.valid"], texts.DateTime(link.ExpiresAt, zone))]),
            new Paragraph(texts.Format("report.card.private", scope.Alliance.AnonymityK), Tone.Subtle),
        ],
        [new OpenUrlAction(texts["report.card.open"], link.Url)], title));
    }
}

public static class ReportDialogSetup
{
    /// <summary>The report command. Needs storage (Database; the router's AllianceScopes) and an <see cref="IReportLinks"/> from the host.</summary>
    public static IServiceCollection AddReportDialog(this IServiceCollection services) => services.AddDialog<ReportDialog>();
}
