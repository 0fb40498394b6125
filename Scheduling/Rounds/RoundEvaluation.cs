using AllianceBot.Data.Alliances;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Trust;
using Microsoft.Extensions.Options;

namespace AllianceBot.Scheduling.Rounds;

/// <summary>The trust model's input for one round's close: the phase history and the closed rounds up to it.</summary>
public sealed record RoundEvaluationInput(PhaseHistory History, IReadOnlyList<RoundData> Rounds, TrustOptions Options);

/// <summary>
/// Loads what the trust model needs to judge a round as it closes: the declared phases and the alliance's closed
/// rounds before it, with the closing round itself last. The mapping from storage to the model is the health
/// check's (<see cref="HealthEvaluator"/>), so the closing job and the cards can never read a round differently.
/// </summary>
public sealed class RoundEvaluation(Database database, IOptions<TrustOptions> options)
{
    /// <param name="round">The round being closed; <paramref name="closedAt"/> is its (planned or stored) closing time.</param>
    public async Task<RoundEvaluationInput> LoadAsync(Alliance alliance, Round round, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alliance);
        ArgumentNullException.ThrowIfNull(round);
        var earlier = (await database.ListClosedRoundsAsync(alliance.Id, 1000, cancellationToken))
            .Where(r => r.Number < round.Number && r.Id != round.Id)
            .TakeLast(HealthEvaluator.RoundWindow - 1)
            .ToList();
        var rounds = new List<RoundData>(earlier.Count + 1);
        foreach (var closed in earlier)
        {
            rounds.Add(await LoadRoundAsync(closed, cancellationToken));
        }

        rounds.Add(await LoadRoundAsync(round with { ClosedAt = closedAt }, cancellationToken));
        var history = HealthEvaluator.ToHistory(await database.GetPhaseHistoryAsync(alliance.Id, cancellationToken), alliance);
        return new RoundEvaluationInput(history, rounds, HealthEvaluator.OptionsFor(alliance, options.Value));
    }

    /// <summary>The round options configured for this alliance (Trust:Rounds), so a new round asks the configured number of rotating items.</summary>
    public RoundOptions RoundsFor(Alliance alliance) => HealthEvaluator.OptionsFor(alliance, options.Value).Rounds;

    private async Task<RoundData> LoadRoundAsync(Round round, CancellationToken cancellationToken)
    {
        var answers = await database.ListRoundAnswersAsync(round.Id, cancellationToken);
        var comments = await database.ListCommentsAsync(round.Id, cancellationToken);
        return HealthEvaluator.ToRoundData(round, answers, comments.Count);
    }
}
