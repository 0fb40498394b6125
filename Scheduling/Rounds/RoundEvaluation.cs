using AllianceBot.Data.Alliances;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Trust;
using Microsoft.Extensions.Options;
using TrustPhaseChange = AllianceBot.Trust.PhaseChange;

namespace AllianceBot.Scheduling.Rounds;

/// <summary>The trust model's input for one round's close: the phase history and the closed rounds up to it.</summary>
public sealed record RoundEvaluationInput(PhaseHistory History, IReadOnlyList<RoundData> Rounds, TrustOptions Options);

/// <summary>
/// Loads what the trust model needs to judge a round as it closes: the declared phases and the alliance's closed
/// rounds before it (anonymous answers, invited and comment counts), with the round itself last, using the
/// alliance's own anonymity thresholds.
/// </summary>
public sealed class RoundEvaluation(Database database, IOptions<TrustOptions> options)
{
    /// <summary>18 monthly rounds: a year and a half of course, more than the alert baselines and position window need.</summary>
    public const int RoundWindow = 18;

    /// <param name="round">The round being closed; <paramref name="closedAt"/> is its (planned or stored) closing time.</param>
    public async Task<RoundEvaluationInput> LoadAsync(Alliance alliance, Round round, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alliance);
        ArgumentNullException.ThrowIfNull(round);
        var earlier = (await database.ListClosedRoundsAsync(alliance.Id, 1000, cancellationToken))
            .Where(r => r.Number < round.Number && r.Id != round.Id)
            .TakeLast(RoundWindow - 1)
            .ToList();
        var rounds = new List<RoundData>(earlier.Count + 1);
        foreach (var closed in earlier)
        {
            rounds.Add(await LoadRoundAsync(closed, closed.ClosedAt ?? closed.ClosesAt, cancellationToken));
        }

        rounds.Add(await LoadRoundAsync(round, closedAt, cancellationToken));
        var changes = await database.GetPhaseHistoryAsync(alliance.Id, cancellationToken);
        var history = changes.Count == 0
            ? PhaseHistory.Starting(alliance.Phase, alliance.CreatedAt)
            : new PhaseHistory(changes.Select(c => new TrustPhaseChange(c.Phase, c.ChangedAt)));
        var baseline = options.Value;
        var forAlliance = baseline with
        {
            Anonymity = baseline.Anonymity with { MinRespondents = alliance.AnonymityK, MinComments = alliance.CommentK },
        };
        return new RoundEvaluationInput(history, rounds, forAlliance);
    }

    private async Task<RoundData> LoadRoundAsync(Round round, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        var answers = await database.ListRoundAnswersAsync(round.Id, cancellationToken);
        var comments = await database.ListCommentsAsync(round.Id, cancellationToken);
        var respondents = answers.Select(a => a.RespondentKey).Distinct(StringComparer.Ordinal).Count();

        // Someone who answered was invited, even if they joined after the fan-out was counted.
        return new RoundData(
            round.Id.ToString(),
            closedAt,
            Math.Max(round.InvitedCount, respondents),
            [.. answers.Select(a => new Answer(a.RespondentKey, a.PartnerId.ToString(), a.ItemId, a.Value))],
            comments.Count);
    }
}
