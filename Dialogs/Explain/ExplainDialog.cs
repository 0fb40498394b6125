using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Turns;

namespace AllianceBot.Dialogs.Explain;

/// <summary>"what is the NAV model?", "wat is relationeel vertrouwen?", "which phases are there?", … (issue 17).</summary>
internal sealed class ExplainDialog : IDialog
{
    public void Register(DialogRoutes routes)
    {
        foreach (var topic in ExplainCards.Topics)
        {
            routes.OnIntent(topic, context => Task.FromResult(TurnResult.Reply(ExplainCards.For(topic, context.Texts))));
        }
    }
}
