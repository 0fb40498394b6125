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
    HealthEvaluator evaluator,
    IHealthChartLinks charts,
    Database database,
    DemoAlliances demos,
    IOptions<DemoOptions> demoOptions,
    Commitments.CommitmentBoard commitments) : IDialog
{
    public void Register(DialogRoutes routes) => routes
        .OnIntent(Intent.WhereAreWe, Operation.ViewHealth, (c, scope) => ShowAsync(c, scope, HealthFocus.WhereAreWe), GiveNewcomerADemoAsync)
        .OnIntent(Intent.WhatMovesUsRight, Operation.ViewHealth, (c, scope) => ShowAsync(c, scope, HealthFocus.MoveRight), GiveNewcomerADemoAsync)
        .OnIntent(Intent.Drift, Operation.ViewDrift, DriftAsync, GiveNewcomerADemoAsync);

    private async Task<TurnResult> ShowAsync(DialogContext context, AllianceScope scope, HealthFocus focus)
    {
        var health = await evaluator.EvaluateAsync(scope.Alliance.Id, context.Language, null, context.CancellationToken);
        if (health is null)
        {
            return TurnResult.Reply(AllianceScopes.Denied(context.Texts, Denial.NotAMember));
        }

        // Kept, missed and open commitments beside the movement of what they target (docs/commitments.md).
        var promised = await commitments.ForCardAsync(scope, health, context.Texts, buttons: true, context.CancellationToken);
        return TurnResult.Reply(HealthCards.Build(health, context.Texts, charts, scope.IsManager && context.ReadersMaySeeManagerViews, focus, promised));
    }

    private async Task<TurnResult> DriftAsync(DialogContext context, AllianceScope scope)
    {
        var health = await evaluator.EvaluateAsync(scope.Alliance.Id, context.Language, null, context.CancellationToken);
        return health is null
            ? TurnResult.Reply(AllianceScopes.Denied(context.Texts, Denial.NotAMember))
            : TurnResult.Reply(DriftCards.Build(health, context.Texts, charts));
    }

    // With Demo:ForNewcomers on (scripts/run.sh --demo), someone who is in no alliance yet gets their demo alliance
    // instead of "no alliance yet", so the first "where are we?" already shows a real card. The routes' precheck: it
    // runs before authorization, which then finds the new demo alliance; it never answers itself.
    private async Task<TurnResult?> GiveNewcomerADemoAsync(DialogContext context)
    {
        if (!demoOptions.Value.ForNewcomers || context.Value(AllianceScopes.AllianceKey) is not null)
        {
            return null;
        }

        var mine = await database.ListMyAlliancesAsync(context.Identity, context.CancellationToken);
        if (mine.Count == 0)
        {
            await demos.EnsureAsync(DemoDialog.Sighting(context), context.Language, context.CancellationToken);
        }

        return null;
    }
}
