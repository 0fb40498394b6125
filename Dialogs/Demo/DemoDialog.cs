using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Demo;

/// <summary>
/// "demo": builds (once) the caller's own demo alliance and says what story it tells. Its "Delete demo" button asks
/// for confirmation and deletes the demo alliance — never a real one (the alliance must carry is_demo).
/// </summary>
internal sealed class DemoDialog(DemoAlliances demos) : IDialog
{
    public const string DeleteVerb = "demo.delete";
    public const string DeleteConfirmVerb = "demo.delete.confirm";

    public void Register(DialogRoutes routes) => routes
        .OnOpenIntent(Intent.Demo, StartAsync)
        .OnVerb(DeleteVerb, Audience.Personal, Operation.DeleteAlliance, Intent.Demo, (c, scope) => Task.FromResult(AskDelete(c, scope)))
        .OnVerb(DeleteConfirmVerb, Audience.Personal, Operation.DeleteAlliance, Intent.Demo, DeleteAsync);

    /// <summary>The caller as the contact store should remember them (the demo's creator must be a stored contact).</summary>
    public static ContactSighting Sighting(DialogContext context) => new(
        context.Turn.Conversation with { ConversationId = context.Turn.ConversationKind == ConversationKind.Personal ? context.Turn.Conversation.ConversationId : null },
        context.Turn.DisplayName, context.Turn.Locale, context.Turn.TimeZone, context.Turn.Timestamp);

    private async Task<TurnResult> StartAsync(DialogContext context)
    {
        var demo = await demos.EnsureAsync(Sighting(context), context.Language, context.CancellationToken);
        return TurnResult.Reply(Ready(demo, context.Texts));
    }

    private static TurnResult AskDelete(DialogContext context, AllianceScope scope)
    {
        if (!scope.Alliance.IsDemo)
        {
            return TurnResult.Reply(NotADemo(context.Texts));
        }

        var texts = context.Texts;
        return TurnResult.Reply(new CardView(CardKind.Confirm, texts["demo.delete.title"],
            [new Paragraph(texts.Format("demo.delete.body", scope.Alliance.Name))],
            [
                new SubmitAction(texts["demo.delete.yes"], DeleteConfirmVerb, Data(scope.Alliance.Id, texts), ActionStyle.Destructive),
                CardText.IntentFor(Intent.WhereAreWe, scope.Alliance.Id, texts),
            ],
            texts["demo.delete.title"]));
    }

    private async Task<TurnResult> DeleteAsync(DialogContext context, AllianceScope scope)
    {
        var texts = context.Texts;
        if (!await demos.DeleteAsync(scope.Alliance.Id, context.CancellationToken))
        {
            return TurnResult.Reply(NotADemo(texts));
        }

        var done = new CardView(CardKind.Info, texts["demo.deleted.title"], [new Paragraph(texts["demo.deleted.body"])],
            [IntentButtons.For(Intent.Demo, texts), IntentButtons.For(Intent.Help, texts)], texts["demo.deleted.title"]);
        return new TurnResult([], ReplaceCard: done);
    }

    internal static CardView Ready(DemoAlliance demo, Texts texts) => new(
        CardKind.Info,
        texts[demo.Created ? "demo.created.title" : "demo.exists.title"],
        [
            new Paragraph(texts.Format("demo.intro", demo.Name)),
            new BulletList(texts["demo.story.title"], [texts["demo.story.1"], texts["demo.story.2"], texts["demo.story.3"]], Tone.Accent),
            new Paragraph(texts["demo.try"]),
            new Paragraph(texts["demo.note"], Tone.Subtle),
        ],
        [
            CardText.IntentFor(Intent.WhereAreWe, demo.AllianceId, texts, ActionStyle.Positive),
            CardText.IntentFor(Intent.Drift, demo.AllianceId, texts),
            new SubmitAction(texts["demo.delete.button"], DeleteVerb, Data(demo.AllianceId, texts), ActionStyle.Destructive),
        ],
        texts.Format("demo.intro", demo.Name));

    private static Dictionary<string, string> Data(Guid allianceId, Texts texts) => new(StringComparer.Ordinal)
    {
        [AllianceScopes.AllianceKey] = allianceId.ToString(),
        [DialogVerbs.LanguageKey] = texts.Language.Code(),
    };

    private static CardView NotADemo(Texts texts) => new(CardKind.Error, texts["demo.notademo.title"],
        [new Paragraph(texts["demo.notademo.body"])], [IntentButtons.For(Intent.Help, texts)], texts["demo.notademo.title"]);
}
