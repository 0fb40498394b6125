using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Turns;

namespace AllianceBot.Dialogs.Help;

/// <summary>"help"/"hulp" and the welcome card when the bot is added to a conversation.</summary>
internal sealed class HelpDialog : IDialog
{
    public void Register(DialogRoutes routes) => routes
        .OnOpenIntent(Intent.Help, ShowHelpAsync)
        .OnInstalled(WelcomeAsync);

    private static Task<TurnResult> ShowHelpAsync(DialogContext context) =>
        Task.FromResult(TurnResult.Reply(HelpCards.Help(context.Texts)));

    private static Task<TurnResult> WelcomeAsync(DialogContext context) =>
        Task.FromResult(TurnResult.Reply(HelpCards.Welcome(context.Texts, context.Turn.DisplayName)));
}
