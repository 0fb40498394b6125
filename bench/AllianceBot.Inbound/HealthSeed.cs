using System.Text.Json;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Trust;
using Dapper;
using TrustPhaseChange = AllianceBot.Trust.PhaseChange;

namespace AllianceBot.Inbound;

/// <summary>
/// A big, old alliance for the health-check benchmark: two partners, <c>members</c> members (the manager who asks is one
/// of them), <c>rounds</c> closed monthly rounds composed by the real round composer (anchors plus rotating items), the
/// phase declared twice on the way (acquainted → confirmation → execution). In each round about three in four members
/// answer, each partner's level drifting month by month with personal offsets and noise; each round is closed the way
/// the closing job closes it (result from the trust model over the rounds so far, snapshot frozen by CloseRound).
/// Alliance, partners, rounds, phases and closing go through the Data use cases; contacts, members and answers are
/// inserted in bulk (one transaction per round), as thousands of use-case calls would only measure the seeding.
/// </summary>
internal static class HealthSeed
{
    public sealed record Prepared(Guid AllianceId, Guid ManagerMemberId, string ManagerUser, string ManagerConversation, IReadOnlyList<Guid> ClosedRounds, int Answers);

    public static async Task<Prepared> PrepareAsync(Database database, int members, int rounds, string serviceUrl)
    {
        var none = CancellationToken.None;
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, 1, 9, 0, 0, TimeSpan.Zero).AddMonths(-rounds - 1);
        var contacts = new ContactStore(database);
        const string tenant = "tenant-0";
        const string managerUser = "29:manager";
        const string managerConversation = "a:manager-personal";
        var manager = await contacts.RecordSightingAsync(new ContactSighting(
            new ConversationReference(MemberIdentity.Teams, tenant, managerUser, serviceUrl, managerConversation, "28:alliancebot", "AllianceBot"),
            "Manager", "en-US", "Europe/Amsterdam", start), none);
        var created = await database.CreateAllianceAsync(new NewAlliance("Acme × Globex", manager.Id, "Acme", ["Globex"]), start, none);
        var allianceId = created.Alliance.Id;
        var managerMember = (await database.FindMembershipAsync(allianceId, new MemberIdentity(MemberIdentity.Teams, tenant, managerUser), none))!;

        var random = new Random(18);
        var people = new List<(Guid MemberId, Guid PartnerId, double Offset)> { (managerMember.Id, managerMember.PartnerId, 0) };
        var contactRows = new List<object>();
        var memberRows = new List<object>();
        for (var i = 1; i < members; i++)
        {
            var contactId = Guid.NewGuid();
            var memberId = Guid.NewGuid();
            var partner = created.Partners[i % 2].Id;
            people.Add((memberId, partner, (random.NextDouble() - 0.5) * 1.2));
            contactRows.Add(new
            {
                Id = contactId, Channel = MemberIdentity.Teams, TenantId = $"tenant-{i % 2}", UserId = $"29:member-{i:D5}", ServiceUrl = serviceUrl,
                ConversationId = $"a:member-{i:D5}", BotId = "28:alliancebot", DisplayName = $"Member {i}", Locale = "en-US", Reachable = true, Now = start,
            });
            memberRows.Add(new { Id = memberId, AllianceId = allianceId, PartnerId = partner, ContactId = contactId, Role = "member", Reminders = true, Now = start });
        }

        await using (var connection = await database.OpenAsync(none))
        await using (var transaction = await connection.BeginTransactionAsync(none))
        {
            await connection.ExecuteAsync("""
                INSERT INTO contacts (id, channel, tenant_id, user_id, service_url, conversation_id, bot_id, display_name, locale, reachable, last_seen_at)
                VALUES (@Id, @Channel, @TenantId, @UserId, @ServiceUrl, @ConversationId, @BotId, @DisplayName, @Locale, @Reachable, @Now)
                """, contactRows, transaction);
            await connection.ExecuteAsync("""
                INSERT INTO members (id, alliance_id, partner_id, contact_id, role, reminders_enabled, joined_at)
                VALUES (@Id, @AllianceId, @PartnerId, @ContactId, @Role, @Reminders, @Now)
                """, memberRows, transaction);
            await transaction.CommitAsync(none);
        }

        var options = HealthEvaluator.OptionsFor(created.Alliance, new TrustOptions());
        var phases = new List<TrustPhaseChange> { new(Phase.GettingAcquainted, start) };
        var history = new List<RoundData>();
        var closed = new List<Guid>();
        var previousRotating = (IReadOnlyCollection<string>)[];
        var answersStored = 0;
        for (var month = 0; month < rounds; month++)
        {
            var opened = start.AddMonths(month).AddDays(1);
            var phase = month < rounds / 4 ? Phase.GettingAcquainted : month < rounds / 2 ? Phase.Confirmation : Phase.Execution;
            if (phase != phases[^1].Phase)
            {
                var declared = opened.AddDays(-4);
                await database.SetPhaseAsync(allianceId, phase, manager.Id, "bench", declared, none);
                phases.Add(new TrustPhaseChange(phase, declared));
            }

            var plan = RoundComposer.Compose(ItemBank.Default, new RoundRequest(BitConverter.ToInt32(allianceId.ToByteArray()), month, previousRotating), options.Rounds);
            previousRotating = plan.RotatingIds;
            var round = (await database.OpenRoundAsync(new NewRound(allianceId, $"{opened:yyyy-MM}", RoundKind.Regular,
                JsonSerializer.Serialize(plan.Items.Select(i => i.Id)), opened, opened.AddDays(created.Alliance.CloseAfterDays)), none)).Round;
            await database.SetInvitedCountAsync(round.Id, people.Count, none);

            // Calculative trust climbs through the confirmation phase, relational dips in it and recovers; the second
            // partner trusts a little less than the first (an asymmetry for the card to show).
            var calculative = 2.4 + (2.0 * month / rounds);
            var relational = 3.4 - (0.8 * Math.Sin(Math.PI * month / rounds));
            var answeredAt = opened.AddHours(3);
            var rows = new List<object>();
            foreach (var (memberId, partnerId, offset) in people)
            {
                if (random.NextDouble() > 0.75)
                {
                    continue;
                }

                var partnerShift = partnerId == created.Partners[0].Id ? 0.2 : -0.2;
                foreach (var item in plan.Items)
                {
                    var level = (item.Dimension == Dimension.Calculative ? calculative : relational) + partnerShift + offset + ((random.NextDouble() - 0.5) * 1.6);
                    rows.Add(new { RoundId = round.Id, MemberId = memberId, ItemId = item.Id, Answer = Math.Clamp((int)Math.Round(level), 1, 5), At = answeredAt, PartnerId = partnerId });
                }
            }

            await using (var connection = await database.OpenAsync(none))
            await using (var transaction = await connection.BeginTransactionAsync(none))
            {
                await connection.ExecuteAsync("""
                    INSERT INTO responses (round_id, member_id, item_id, answer, answered_at, partner_id)
                    VALUES (@RoundId, @MemberId, @ItemId, @Answer, @At, @PartnerId)
                    """, rows, transaction);
                await transaction.CommitAsync(none);
            }

            answersStored += rows.Count;
            var closedAt = round.ClosesAt;
            history.Add(HealthEvaluator.ToRoundData(round with { ClosedAt = closedAt, InvitedCount = people.Count },
                await database.ListRoundAnswersAsync(round.Id, none), 0));
            var report = HealthCheck.Evaluate(new PhaseHistory(phases), history, options, Language.Fallback);
            await database.CloseRoundAsync(round.Id, RoundResults.Json(report), closedAt, none);
            closed.Add(round.Id);
        }

        return new Prepared(allianceId, managerMember.Id, managerUser, managerConversation, closed, answersStored);
    }
}
