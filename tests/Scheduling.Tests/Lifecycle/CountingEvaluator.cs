using AllianceBot.Data.Alliances;
using AllianceBot.Data.Rounds;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Trust;

namespace AllianceBot.Scheduling.Tests.Lifecycle;

/// <summary>The real evaluator, counting its assessments (a spy: every call goes through to the real one).</summary>
internal sealed class CountingEvaluator(IRoundEvaluator real) : IRoundEvaluator
{
    private int assessments;

    public int Assessments => Volatile.Read(ref assessments);

    public Task<HealthAssessment> AssessClosingAsync(Alliance alliance, Round round, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref assessments);
        return real.AssessClosingAsync(alliance, round, closedAt, cancellationToken);
    }
}
