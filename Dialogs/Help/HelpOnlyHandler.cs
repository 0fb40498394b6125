using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Help;

/// <summary>
/// Scaffolding until the intent router lands: answers "help"/"hulp" with the help card and anything else with a hint.
/// </summary>
internal sealed class HelpOnlyHandler : ITurnHandler
{
    public Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var text = turn.Text?.Trim() ?? "";
        var language = text.Equals("hulp", StringComparison.OrdinalIgnoreCase) ? Language.Nl : Languages.FromLocale(turn.Locale);
        if (turn.Kind == TurnKind.Installed)
        {
            return Task.FromResult(TurnResult.Reply(Card(language)));
        }

        return Task.FromResult(text.Length == 0 ? TurnResult.None : TurnResult.Reply(Card(language)));
    }

    private static CardView Card(Language language) => language == Language.Nl
        ? new CardView(CardKind.Help, "Wat ik kan", [new Paragraph("Vraag \"waar staan we?\" voor de gezondheidscheck van je alliantie.")], [], "Hulp")
        : new CardView(CardKind.Help, "What I can do", [new Paragraph("Ask \"where are we?\" for your alliance's health check.")], [], "Help");
}
