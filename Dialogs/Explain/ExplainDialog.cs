using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Explain;

/// <summary>
/// "what is the NAV model?", "wat is relationeel vertrouwen?", "which phases are there?", … (issue 17), each card with
/// the model's picture; and the "Why?" beside every finding and advice item on the health and advice cards.
/// </summary>
internal sealed class ExplainDialog(IHealthChartLinks charts) : IDialog
{
    public void Register(DialogRoutes routes)
    {
        foreach (var topic in ExplainCards.Topics)
        {
            routes.OnOpenIntent(topic, context => Task.FromResult(TurnResult.Reply(
                ExplainCards.For(topic, context.Texts, charts.Model(context.Language)))));
        }

        // Catalogue text only (no alliance figures): answered where it was clicked.
        routes.OnOpenVerb(WhyCards.Verb, Audience.Anyone, context => Task.FromResult(TurnResult.Reply(
            WhyCards.For(context.Value(WhyCards.SubjectKey), context.Texts, AdviceCatalog.Default)
            ?? (View)new MessageView(context.Texts["why.unknown"]))));
    }
}
