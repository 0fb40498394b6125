using AllianceBot.Data.Members;
using AllianceBot.Data.Outbox;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Dialogs.Views;
using AllianceBot.Scheduling.Rounds;
using AllianceBot.Trust;

namespace AllianceBot.Scheduling.Tests.Lifecycle;

/// <summary>The round use cases against a real SQLite database, the real outbox store and a fake clock.</summary>
public sealed class RoundLifecycleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly Person Manager = new("29:anna", "en-US", "Europe/Amsterdam", "Cisco", MemberRole.Manager);
    private static readonly Person NewYork = new("29:bob", "nl-NL", "America/New_York", "KPN");
    private static readonly Person Unknown = new("29:carl", null, null, "KPN");
    private static readonly Person Blocked = new("29:dave", "en-GB", "Europe/Amsterdam", "KPN");

    [Fact]
    public async Task OpeningEnqueuesOnePulsePerReachableMemberAtTheirLocalTimeInTheirLanguage()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var (alliance, members) = await f.AllianceAsync("Cisco–KPN", Manager, NewYork, Unknown, Blocked);
        await f.Contacts.MarkUnreachableAsync(new MemberIdentity(MemberIdentity.Teams, "tenant-KPN", Blocked.UserId), "blocked", f.Time.GetUtcNow(), None);
        var opening = f.Scheduled(alliance.Id);

        var opened = await f.Lifecycle.OpenRoundAsync(opening, None);

        Assert.NotNull(opened);
        var round = await f.Database.GetRoundAsync(opened.RoundId, None);
        Assert.Equal(3, round!.InvitedCount);
        Assert.Equal(opening.Timeline.ClosesAt, round.ClosesAt);
        var sent = await f.OutboxAsync();
        Assert.Equal(3, sent.Count);
        Assert.All(sent, s => Assert.Equal(RoundLifecycle.PulseKind, s.Kind));
        Assert.DoesNotContain(sent, s => s.MemberId == members[Blocked.UserId]);

        // 10:00 Amsterdam is 09:00 UTC on Tuesday 3 March; 10:00 New York that day is 15:00 UTC.
        Assert.Equal(DateTimeOffset.Parse("2026-03-03T09:00:00Z"), sent.Single(s => s.MemberId == members[Manager.UserId]).NotBefore);
        Assert.Equal(DateTimeOffset.Parse("2026-03-03T15:00:00Z"), sent.Single(s => s.MemberId == members[NewYork.UserId]).NotBefore);
        Assert.Equal(DateTimeOffset.Parse("2026-03-03T09:00:00Z"), sent.Single(s => s.MemberId == members[Unknown.UserId]).NotBefore);

        var english = sent.Single(s => s.MemberId == members[Manager.UserId]).Card;
        var dutch = sent.Single(s => s.MemberId == members[NewYork.UserId]).Card;
        Assert.Equal(CardKind.Pulse, english.Kind);
        Assert.Equal("Monthly pulse: Cisco–KPN", english.Title);
        Assert.Equal("Maandelijkse pulse: Cisco–KPN", dutch.Title);
        var questions = english.Body.OfType<ChoiceInput>().ToList();
        Assert.Equal(3, questions.Count); // two anchors and one rotating item
        Assert.Contains(questions, q => q.Id == "calc.agreements.safeguarded");
        Assert.Contains(questions, q => q.Id == "rel.intentions.anchor");
        // Five scale points and "don't know / not applicable" (issue 13) on every statement the scheduler sends.
        Assert.All(questions, q => Assert.Equal(["1", "2", "3", "4", "5", "dk"], q.Choices.Select(c => c.Value)));
        Assert.Equal("5 · Helemaal eens", dutch.Body.OfType<ChoiceInput>().First().Choices[4].Title);
        Assert.Contains(dutch.Body.OfType<ChoiceInput>(), q => q.Label.StartsWith("Ik vertrouw erop", StringComparison.Ordinal));
        var submit = Assert.IsType<SubmitAction>(Assert.Single(english.Actions));
        Assert.True(submit.SubmitsInputs);
        Assert.Equal(alliance.Id.ToString(), submit.Data["alliance"]);
        Assert.Equal(round.Id.ToString(), submit.Data["round"]);
    }

    [Fact]
    public async Task OpeningTheSameOccurrenceTwiceOpensOneRoundAndEnqueuesNothingMore()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var (alliance, _) = await f.AllianceAsync("Dell–Getronics", Manager, NewYork, Unknown);
        var opening = f.Scheduled(alliance.Id);

        var first = await f.Lifecycle.OpenRoundAsync(opening, None);
        f.Time.Advance(TimeSpan.FromMinutes(3)); // a recovery run of the same occurrence, a little later
        var second = await f.Lifecycle.OpenRoundAsync(opening with { OpenedAt = f.Time.GetUtcNow() }, None);

        Assert.Equal(first!.RoundId, second!.RoundId);
        Assert.Equal(3, (await f.OutboxAsync()).Count);
    }

    [Fact]
    public async Task TheNextRoundRotatesItsItemsAndPulseNowWhileARoundIsOpenOpensNoSecond()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var (alliance, _) = await f.AllianceAsync("Rotation", Manager, NewYork);
        var first = await f.Lifecycle.OpenRoundAsync(f.Scheduled(alliance.Id), None);
        var manual = await f.Lifecycle.OpenRoundAsync(f.Scheduled(alliance.Id, f.Time.GetUtcNow(), manual: true), None);
        Assert.Equal(first!.RoundId, manual!.RoundId);
        Assert.Equal(2, (await f.OutboxAsync()).Count);

        f.Time.Advance(TimeSpan.FromDays(8));
        await f.Lifecycle.CloseRoundAsync(first.RoundId, None);
        var second = await f.Lifecycle.OpenRoundAsync(f.Scheduled(alliance.Id), None);

        var one = (await f.Database.GetRoundAsync(first.RoundId, None))!;
        var two = (await f.Database.GetRoundAsync(second!.RoundId, None))!;
        Assert.Equal(2, two.Number);
        var rotatingBefore = Dialogs.Pulse.RoundItems.Rotating(one.ItemsJson, ItemBank.Default);
        var rotatingNow = Dialogs.Pulse.RoundItems.Rotating(two.ItemsJson, ItemBank.Default);
        Assert.Single(rotatingNow);
        Assert.Empty(rotatingBefore.Intersect(rotatingNow));
    }

    [Fact]
    public async Task TheConfiguredRotatingCountIsAskedAlsoInTheRoundAfterAFullRound()
    {
        var trust = TrustOptions.Default with { Rounds = new RoundOptions { RotatingItems = 2 } };
        await using var f = await LifecycleFixture.StartAsync(trust, new PulseOptions { FullRoundEvery = 2 });
        var (alliance, _) = await f.AllianceAsync("Rotation after full", Manager, NewYork);
        var counts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var opened = await f.Lifecycle.OpenRoundAsync(f.Scheduled(alliance.Id), None);
            var round = (await f.Database.GetRoundAsync(opened!.RoundId, None))!;
            counts.Add(Dialogs.Pulse.RoundItems.Rotating(round.ItemsJson, ItemBank.Default).Count);
            f.Time.Advance(TimeSpan.FromDays(8));
            await f.Lifecycle.CloseRoundAsync(opened.RoundId, None);
            f.Time.Advance(TimeSpan.FromDays(25));
        }

        // Round 1 regular (2 rotating, as configured), round 2 full (all 16), round 3 regular again (2, not 0).
        Assert.Equal([2, ItemBank.Default.Rotating.Count(), 2], counts);
    }

    [Fact]
    public async Task RemindersGoOnlyToNonRespondentsWhoKeptRemindersOnAtTheirOwnTime()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var quiet = new Person("29:erin", "en-GB", "Europe/Amsterdam", "KPN");
        var (alliance, members) = await f.AllianceAsync("Reminders", Manager, NewYork, Unknown, quiet);
        await f.Database.SetPreferencesAsync(members[quiet.UserId], new MemberPreferences(false, null), None);
        var opened = await f.Lifecycle.OpenRoundAsync(f.Scheduled(alliance.Id), None);
        f.Time.Advance(TimeSpan.FromDays(1));
        var round = (await f.Database.GetRoundAsync(opened!.RoundId, None))!;
        var answers = round.ItemsJson.Trim('[', ']').Split(',').Select(s => s.Trim('"')).ToDictionary(id => id, _ => 4, StringComparer.Ordinal);
        await f.Database.RecordAnswersAsync(round.Id, members[Manager.UserId], answers, f.Time.GetUtcNow(), None);
        var before = (await f.OutboxAsync()).Count;

        await f.Lifecycle.SendRemindersAsync(round.Id, 1, None);
        await f.Lifecycle.SendRemindersAsync(round.Id, 1, None); // a re-run adds nothing

        var reminders = (await f.OutboxAsync()).Skip(before).ToList();
        Assert.Equal(2, reminders.Count);
        Assert.Equal(
            new[] { members[NewYork.UserId], members[Unknown.UserId] }.Order(),
            reminders.Select(r => r.MemberId!.Value).Order());
        Assert.All(reminders, r => Assert.Equal(RoundLifecycle.ReminderKind, r.Kind));
        Assert.All(reminders, r => Assert.Equal(CardKind.Pulse, r.Card.Kind));

        // Three days after their own delivery, on their own clock: 10:00 New York on Friday 6 March.
        Assert.Equal(DateTimeOffset.Parse("2026-03-06T15:00:00Z"), reminders.Single(r => r.MemberId == members[NewYork.UserId]).NotBefore);
        var text = string.Join(" ", reminders.SelectMany(r => r.Card.Body.OfType<Paragraph>()).Select(p => p.Text));
        Assert.Contains("herinnering", text, StringComparison.Ordinal);
        Assert.DoesNotContain("anna", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ClosingStoresTheAggregateAndSendsManagersOnlyASummaryWhenNothingAlarms()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var people = LifecycleFixture.People(6, "KPN", "p");
        var (alliance, members) = await f.AllianceAsync("Calm", [Manager, .. people]);
        var opened = await f.Lifecycle.OpenRoundAsync(f.Scheduled(alliance.Id), None);
        var round = (await f.Database.GetRoundAsync(opened!.RoundId, None))!;
        f.Time.Advance(TimeSpan.FromDays(1));
        foreach (var person in people)
        {
            await f.Database.RecordAnswersAsync(round.Id, members[person.UserId], Anchors(4, 4), f.Time.GetUtcNow(), None);
        }

        var before = (await f.OutboxAsync()).Count;
        f.Time.Advance(TimeSpan.FromDays(7));
        await f.Lifecycle.CloseRoundAsync(round.Id, None);
        await f.Lifecycle.CloseRoundAsync(round.Id, None);

        var closed = (await f.Database.GetRoundAsync(round.Id, None))!;
        Assert.True(closed.IsClosed);
        Assert.Contains("\"respondents\":6", closed.ResultJson, StringComparison.Ordinal);
        Assert.DoesNotContain(members[people[0].UserId].ToString(), closed.ResultJson, StringComparison.OrdinalIgnoreCase);
        var cards = (await f.OutboxAsync()).Skip(before).ToList();
        var summary = Assert.Single(cards);
        Assert.Equal(members[Manager.UserId], summary.MemberId);
        Assert.Equal(CardKind.RoundClosed, summary.Card.Kind);
        var facts = summary.Card.Body.OfType<FactList>().Single().Facts;
        Assert.Contains(facts, fact => fact.Value == "6 of 7 (86%)");
        Assert.Contains(facts, fact => fact.Value == "4.00");
        Assert.Empty(await f.Database.ListAlertsAsync(alliance.Id, None));
    }

    [Fact]
    public async Task ARelationalDropAfterStableRoundsAlertsEveryManagerOnceWithTheDriftButton()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var dutchManager = new Person("29:bram", "nl-NL", "Europe/Amsterdam", "KPN", MemberRole.Manager);
        var people = LifecycleFixture.People(8, "KPN", "q");
        var (alliance, members) = await f.AllianceAsync("Drop", [Manager, dutchManager, .. people]);
        int[] stable = [4, 5, 4, 4, 5, 4, 5, 4];
        for (var month = 5; month >= 1; month--)
        {
            var opened = f.Time.GetUtcNow().AddMonths(-month);
            var old = (await f.Database.OpenRoundAsync(new NewRound(alliance.Id, $"history-{month}", RoundKind.Regular,
                """["calc.agreements.safeguarded","rel.intentions.anchor"]""", opened, opened.AddDays(7)), None)).Round;
            await f.Database.SetInvitedCountAsync(old.Id, people.Length, None);
            for (var i = 0; i < people.Length; i++)
            {
                await f.Database.RecordAnswersAsync(old.Id, members[people[i].UserId], Anchors(4, stable[(i + month) % stable.Length]), opened.AddHours(1), None);
            }

            await f.Database.CloseRoundAsync(old.Id, "{}", opened.AddDays(7), None);
        }

        var round = (await f.Lifecycle.OpenRoundAsync(f.Scheduled(alliance.Id), None))!;
        f.Time.Advance(TimeSpan.FromDays(1));
        int[] dropped = [2, 2, 1, 2, 3, 2, 2, 1];
        for (var i = 0; i < people.Length; i++)
        {
            await f.Database.RecordAnswersAsync(round.RoundId, members[people[i].UserId], Anchors(4, dropped[i]), f.Time.GetUtcNow(), None);
        }

        var before = (await f.OutboxAsync()).Count;
        f.Time.Advance(TimeSpan.FromDays(7));
        await f.Lifecycle.CloseRoundAsync(round.RoundId, None);
        await f.Lifecycle.CloseRoundAsync(round.RoundId, None); // a second close (recovery, another instance) sends nothing more

        var cards = (await f.OutboxAsync()).Skip(before).ToList();
        Assert.All(cards, c => Assert.Contains(c.MemberId!.Value, new[] { members[Manager.UserId], members[dutchManager.UserId] }));
        var english = cards.Where(c => c.MemberId == members[Manager.UserId]).ToList();
        Assert.Equal(CardKind.Alert, english[0].Card.Kind);
        Assert.Equal("Alert: relational trust dropped", english[0].Card.Title);
        Assert.Equal(CardKind.RoundClosed, english[^1].Card.Kind);
        var alertText = string.Join(" ", english[0].Card.Body.OfType<Paragraph>().Select(p => p.Text));
        // Eight answers are fewer than 2k: the drop is told without t, df and p (they would give the spread away).
        Assert.Contains("dropped fast: 1.88", alertText, StringComparison.Ordinal);
        Assert.DoesNotContain("Welch", alertText, StringComparison.Ordinal);
        Assert.Contains(english[0].Card.Body.OfType<BulletList>(), b => b.Tone == Tone.Good);
        var drift = english[0].Card.Actions.OfType<SubmitAction>().Single();
        Assert.Equal("drift", drift.Data["intent"]);
        Assert.Equal(alliance.Id.ToString(), drift.Data["alliance"]);
        var dutch = cards.Where(c => c.MemberId == members[dutchManager.UserId]).ToList();
        Assert.Equal("Signaal: relationeel vertrouwen gedaald", dutch[0].Card.Title);
        Assert.Equal(english.Count, dutch.Count);
        Assert.Equal(cards.Count, cards.Select(c => c.Key).Distinct().Count());
        var recorded = await f.Database.ListAlertsAsync(alliance.Id, None);
        Assert.Contains(recorded, a => a.Kind == nameof(AlertKind.FastRelationalDrop) && a.RoundId == round.RoundId);
        Assert.Equal(recorded.Count, recorded.Select(a => a.Kind).Distinct().Count());
    }

    private static Dictionary<string, int> Anchors(int calculative, int relational) => new(StringComparer.Ordinal)
    {
        ["calc.agreements.safeguarded"] = calculative,
        ["rel.intentions.anchor"] = relational,
    };
}
