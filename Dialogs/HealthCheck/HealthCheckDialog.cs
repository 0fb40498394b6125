using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Demo;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Turns;
using Microsoft.Extensions.Options;

namespace AllianceBot.Dialogs.HealthCheck;

/// <summary>
/// "Where are we?", "What moves us right?" (any member) and "drift" (managers). The card holds only aggregates that
/// passed the anonymity rules; where it is shown is the router's decision (<see cref="AudiencePolicy"/>), and a
/// manager's card shown to a room of members leaves the manager-only parts out.
/// </summary>
internal sealed class HealthCheckDialog(
    AllianceScopes scopes,
    HealthEvaluator evaluator,
    IHealthChartLinks charts,
    Database database,
    DemoAlliances demos,
    IOptions<DemoOptions> demoOptions,
    Commitments.CommitmentBoard commitments) : IDialog
{
    public void Register(DialogRoutes routes) => routes
        .OnIntent(Intent.WhereAreWe, context => ShowAsync(context, Intent.WhereAreWe, HealthFocus.WhereAreWe))
        .OnIntent(Intent.WhatMovesUsRight, context => ShowAsync(context, Intent.WhatMovesUsRight, HealthFocus.MoveRight))
        .OnIntent(Intent.Drift, DriftAsync);

    private async Task<TurnResult> ShowAsync(DialogContext context, Intent intent, HealthFocus focus)
    {
        await GiveNewcomerADemoAsync(context);
        var resolution = await scopes.ResolveAsync(context, Operation.ViewHealth, intent);
        if (resolution.Scope is not { } scope)
        {
            return resolution.Refusal!;
        }

        var health = await evaluator.EvaluateAsync(scope.Alliance.Id, context.Language, null, context.CancellationToken);
        if (health is null)
        {
            return TurnResult.Reply(AllianceScopes.Denied(context.Texts, Denial.NotAMember));
        }

        // Kept, missed and open commitments beside the movement of what they target (docs/commitments.md).
        var promised = await commitments.ForCardAsync(scope, health, context.Texts, buttons: true, context.CancellationToken);
        return TurnResult.Reply(HealthCards.Build(health, context.Texts, charts, scope.IsManager && context.ReadersMaySeeManagerViews, focus, promised));
    }

    private async Task<TurnResult> DriftAsync(DialogContext context)
    {
        await GiveNewcomerADemoAsync(context);
        var resolution = await scopes.ResolveAsync(context, Operation.ViewDrift, Intent.Drift);
        if (resolution.Scope is not { } scope)
        {
            return resolution.Refusal!;
        }

        var health = await evaluator.EvaluateAsync(scope.Alliance.Id, context.Language, null, context.CancellationToken);
        return health is null
            ? TurnResult.Reply(AllianceScopes.Denied(context.Texts, Denial.NotAMember))
            : TurnResult.Reply(DriftCards.Build(health, context.Texts, charts));
    }

    // With Demo:ForNewcomers on (scripts/run.sh --demo), someone who is in no alliance yet gets their demo alliance
    // instead of "no alliance yet", so the first "where are we?" already shows a real card.
    private async Task GiveNewcomerADemoAsync(DialogContext context)
    {
        if (!demoOptions.Value.ForNewcomers || context.Value(AllianceScopes.AllianceKey) is not null)
        {
            return;
        }

        var mine = await database.ListMyAlliancesAsync(context.Identity, context.CancellationToken);
        if (mine.Count == 0)
        {
            await demos.EnsureAsync(DemoDialog.Sighting(context), context.Language, context.CancellationToken);
        }
    }
}
