using AllianceBot.Data.Alliances;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Trust;
using Microsoft.Extensions.Options;

namespace AllianceBot.Scheduling.Rounds;

/// <summary>The trust model's input for one round's close: the phase history and the closed rounds up to it.</summary>
public sealed record RoundEvaluationInput(PhaseHistory History, IReadOnlyList<FrozenRound> Rounds, TrustOptions Options);

/// <summary>
/// Loads what the trust model needs to judge a round as it closes: the declared phases and the alliance's closed
/// rounds before it, with the closing round itself last. The mapping from storage to the model is the health
/// check's (<see cref="HealthEvaluator"/>), so the closing job and the cards can never read a round differently.
/// </summary>
public sealed class RoundEvaluation(Database database, IOptions<TrustOptions> trustOptions)
{
    /// <param name="round">The round being closed; <paramref name="closedAt"/> is its (planned or stored) closing time.</param>
    /// <remarks>
    /// Earlier rounds are their frozen snapshots. The closing round is its snapshot when it is already closed (a second
    /// run after a crash), otherwise it is frozen here from its answers under the k it closes under — the same
    /// computation <c>CloseRoundAsync</c> stores in the closing transaction.
    /// </remarks>
    public async Task<RoundEvaluationInput> LoadAsync(Alliance alliance, Round round, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alliance);
        ArgumentNullException.ThrowIfNull(round);
        var earlier = (await database.ListFrozenRoundsAsync(alliance.Id, 1000, cancellationToken))
            .Where(r => r.Round.Number < round.Number && r.Round.Id != round.Id)
            .TakeLast(HealthEvaluator.RoundWindow - 1)
            .Select(r => r.Frozen)
            .ToList();
        var current = await database.GetAnonymityStateAsync(alliance.Id, closedAt, cancellationToken);
        var options = HealthEvaluator.OptionsFor(alliance with { AnonymityK = current.K, CommentK = Math.Max(alliance.CommentK, current.K) }, trustOptions.Value);
        FrozenRound closing;
        if (round.IsClosed)
        {
            closing = await database.GetFrozenRoundAsync(round, cancellationToken);
        }
        else
        {
            var answers = await database.ListRoundAnswersAsync(round.Id, cancellationToken);
            var comments = await database.ListCommentsAsync(round.Id, cancellationToken);
            closing = RoundSnapshot.Freeze(HealthEvaluator.ToRoundData(round with { ClosedAt = closedAt }, answers, comments.Count), options.Anonymity, ItemBank.Default);
        }

        var history = HealthEvaluator.ToHistory(await database.GetPhaseHistoryAsync(alliance.Id, cancellationToken), alliance);
        return new RoundEvaluationInput(history, [.. earlier, closing], options);
    }

    /// <summary>The round options configured for this alliance (Trust:Rounds), so a new round asks the configured number of rotating items.</summary>
    public RoundOptions RoundsFor(Alliance alliance) => HealthEvaluator.OptionsFor(alliance, trustOptions.Value).Rounds;
}
