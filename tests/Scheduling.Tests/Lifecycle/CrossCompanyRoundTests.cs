using AllianceBot.Dialogs.Rounds;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Dialogs.Views;
using AllianceBot.Scheduling.Rounds;
using AllianceBot.Trust;
using Microsoft.Data.Sqlite;

namespace AllianceBot.Scheduling.Tests.Lifecycle;

/// <summary>
/// One alliance, three companies on three platforms: Acme in Teams tenant A, Globex in Teams tenant B, Initech in a
/// Slack workspace. A round reaches all of them, its aggregate counts all of them, and every side's manager hears
/// about the close — the cross-company reach that single-tenant pulse tools lack.
/// </summary>
public sealed class CrossCompanyRoundTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ARoundReachesTwoTeamsTenantsAndASlackWorkspaceAndItsAggregateCoversAllThree()
    {
        await using var f = await LifecycleFixture.StartAsync();
        var acme = LifecycleFixture.People(5, "Acme", "acme");
        acme[0] = acme[0] with { Role = MemberRole.Manager };
        var (alliance, members) = await f.AllianceAsync("Acme–Globex–Initech", [.. acme, .. LifecycleFixture.People(5, "Globex", "globex")]);
        var slack = await AddSlackPartnerAsync(f, alliance, "Initech", "T0INITECH", count: 5);

        var opened = await f.Lifecycle.OpenRoundAsync(f.Scheduled(alliance.Id), None);
        var round = (await f.Database.GetRoundAsync(opened!.RoundId, None))!;

        var pulses = await OutboxTargetsAsync(f, "pulse");
        Assert.Equal(15, pulses.Count);
        Assert.Equal(5, pulses.Count(p => p is ("msteams", "tenant-Acme")));
        Assert.Equal(5, pulses.Count(p => p is ("msteams", "tenant-Globex")));
        Assert.Equal(5, pulses.Count(p => p is ("slack", "T0INITECH")));

        f.Time.Advance(TimeSpan.FromDays(1));
        var everyone = members.Values.Concat(slack.Values).ToList();
        foreach (var member in everyone)
        {
            var relational = slack.ContainsValue(member) ? 2 : 4;
            await f.Database.RecordAnswersAsync(round.Id, member, new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["calc.agreements.safeguarded"] = 4,
                ["rel.intentions.anchor"] = relational,
            }, f.Time.GetUtcNow(), None);
        }

        f.Time.Advance(TimeSpan.FromDays(7));
        await f.Lifecycle.CloseRoundAsync(round.Id, None);

        var closed = (await f.Database.GetRoundAsync(round.Id, None))!;
        var report = (await f.Evaluator.AssessClosingAsync(alliance, closed, closed.ClosedAt!.Value, None)).In(Language.En);
        var latest = report.Latest!;
        Assert.Equal(15, latest.Respondents);
        Assert.Equal(3, latest.Partners.Count(p => !p.Hidden && p.Respondents == 5));
        Assert.Equal((4 * 10 + 2 * 5) / 15.0, latest.Relational!.Mean, 6);

        // Both managers — one in Teams, one in Slack — get the round-closed card; nobody else does.
        var summaries = await OutboxTargetsAsync(f, RoundLifecycle.SummaryKind);
        Assert.Equal([("msteams", "tenant-Acme"), ("slack", "T0INITECH")], summaries.Order().ToList());
        var cards = await f.OutboxAsync();
        Assert.All(cards.Where(c => c.Kind == RoundLifecycle.SummaryKind), c => Assert.Equal(CardKind.RoundClosed, c.Card.Kind));
    }

    /// <summary>A partner whose people are on Slack (identity: slack, workspace id, U… user id; DM conversation ids).</summary>
    private static async Task<Dictionary<string, Guid>> AddSlackPartnerAsync(LifecycleFixture f, Alliance alliance, string name, string workspace, int count)
    {
        var partner = await f.Database.AddPartnerAsync(alliance.Id, name, f.Time.GetUtcNow(), None);
        var members = new Dictionary<string, Guid>(StringComparer.Ordinal);
        for (var i = 1; i <= count; i++)
        {
            var user = $"U0INI{i}";
            var contact = await f.Contacts.RecordSightingAsync(new ContactSighting(
                new ConversationReference(MemberIdentity.Slack, workspace, user, null, $"D0INI{i}", "B0BOT"), user, "nl-NL", "Europe/Amsterdam", f.Time.GetUtcNow()), None);
            var role = i == 1 ? MemberRole.Manager : MemberRole.Member;
            members[user] = (await f.Database.AddMemberAsync(new NewMember(alliance.Id, partner.Id, contact.Id, role), f.Time.GetUtcNow(), None)).Id;
        }

        return members;
    }

    private static async Task<List<(string Channel, string Tenant)>> OutboxTargetsAsync(LifecycleFixture f, string kind)
    {
        await using var connection = new SqliteConnection($"Data Source={f.File}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT channel, tenant_id FROM outbox WHERE kind = $kind";
        command.Parameters.AddWithValue("$kind", kind);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }
}
