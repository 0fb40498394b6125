using AllianceBot.Dialogs.Rounds;
using AllianceBot.Data.Audit;
using AllianceBot.Data.Commitments;
using AllianceBot.Data.Members;
using AllianceBot.Data.Rounds;
using AllianceBot.Dialogs.Commitments;
using AllianceBot.Dialogs.Views;
using AllianceBot.Scheduling.Rounds;
using AllianceBot.Trust;

namespace AllianceBot.Scheduling.Tests.Lifecycle;

/// <summary>
/// Commitments in the round lifecycle (docs/commitments.md): the owner's reminder goes through the outbox with their
/// pulse of the due round (once, however often the opening runs); the due round's close misses what is still open.
/// </summary>
public sealed class CommitmentLifecycleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task TheOwnerIsRemindedWithTheDueRoundsPulseOnceAndItsCloseMissesWhatIsStillOpen()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var people = LifecycleFixture.People(4, "Acme", "acme");
        people[0] = people[0] with { Role = MemberRole.Manager };
        var (alliance, members) = await f.AllianceAsync("Acme–Globex", [.. people, .. LifecycleFixture.People(4, "Globex", "globex")]);
        var manager = members["29:acme1"];
        var owner = members["29:globex2"];
        var now = f.Time.GetUtcNow();
        var dueNow = await f.Database.MakeCommitmentAsync(new NewCommitment(alliance.Id, "p1.do.coffee", Dimension.Relational, owner, manager, null, 1), now, None);
        var later = await f.Database.MakeCommitmentAsync(new NewCommitment(alliance.Id, "p1.do.ambitions", Dimension.Relational, owner, manager, null, 2), now, None);

        var opening = f.Scheduled(alliance.Id);
        var opened = await f.Lifecycle.OpenRoundAsync(opening, None);
        await f.Lifecycle.OpenRoundAsync(opening, None);

        var outbox = await f.OutboxAsync();
        var reminder = Assert.Single(outbox, s => s.Kind == RoundLifecycle.CommitmentReminderKind);
        var pulse = Assert.Single(outbox, s => s.Kind == RoundLifecycle.PulseKind && s.MemberId == owner);
        Assert.Equal(owner, reminder.MemberId);
        Assert.Equal(pulse.NotBefore, reminder.NotBefore);
        Assert.Equal("Reminder: your commitment", reminder.Card.Title);
        Assert.Contains(reminder.Card.Body, b => b is Paragraph p && p.Text.StartsWith("Commitment 1 is due when round 1 closes", StringComparison.Ordinal));
        var done = Assert.IsType<SubmitAction>(reminder.Card.Actions[0]);
        Assert.Equal((CommitmentCards.DoneVerb, "1", alliance.Id.ToString()), (done.Verb, done.Data[CommitmentCards.NumberKey], done.Data["alliance"]));

        f.Time.Advance(TimeSpan.FromDays(8));
        await f.Lifecycle.CloseRoundAsync(opened!.RoundId, None);
        await f.Lifecycle.CloseRoundAsync(opened.RoundId, None);

        var after = await f.Database.ListCommitmentsAsync(alliance.Id, None);
        Assert.Equal(CommitmentStatus.Missed, after.Single(c => c.Id == dueNow.Id).Status);
        Assert.Equal(CommitmentStatus.Open, after.Single(c => c.Id == later.Id).Status);
        Assert.Single(await f.Database.ListAuditAsync(alliance.Id, 100, None), e => e.Action == "commitment.missed");
    }

    [Fact]
    public async Task AConfiguredDelaySendsTheReminderLaterButNeverAfterTheRoundCloses()
    {
        await using var f = await LifecycleFixture.StartAsync(pulse: new PulseOptions { CommitmentReminderDelayHours = 24 * 30 });
        var (alliance, members) = await f.AllianceAsync("Acme–Globex", [.. LifecycleFixture.People(3, "Acme", "acme"), .. LifecycleFixture.People(3, "Globex", "globex")]);
        var owner = members["29:acme1"];
        await f.Database.MakeCommitmentAsync(new NewCommitment(alliance.Id, "p1.do.coffee", Dimension.Relational, owner, owner, null, 1), f.Time.GetUtcNow(), None);

        var opened = await f.Lifecycle.OpenRoundAsync(f.Scheduled(alliance.Id), None);

        var round = (await f.Database.GetRoundAsync(opened!.RoundId, None))!;
        var reminder = Assert.Single(await f.OutboxAsync(), s => s.Kind == RoundLifecycle.CommitmentReminderKind);
        Assert.Equal(round.ClosesAt.AddHours(-1), reminder.NotBefore);
    }
}
