using System.Collections.Concurrent;
using System.Text.Json;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Privacy;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Trust;
using Microsoft.Extensions.Options;
using TrustPhaseChange = AllianceBot.Trust.PhaseChange;

namespace AllianceBot.Dialogs.Demo;

/// <summary>The caller's demo alliance and whether this call created it.</summary>
public sealed record DemoAlliance(Guid AllianceId, string Name, bool Created);

/// <summary>
/// Creates and deletes demo alliances. A demo is personal: each person gets their own (so nobody sees another real
/// person in it), with the caller as a manager of the first partner, fourteen simulated people and 18 closed monthly
/// rounds written through the same Data use cases the scheduler uses. Asking again returns the existing demo.
/// </summary>
public sealed class DemoAlliances(Database database, IContactStore contacts, TimeProvider time, IOptions<TrustOptions> trustOptions)
{
    /// <summary>Simulated people live in a tenant no real Teams tenant can have, and are never reachable.</summary>
    public const string SimulatedTenant = "alliancebot-demo";

    // One creation at a time per person, so a double click cannot build two demos.
    private readonly ConcurrentDictionary<MemberIdentity, SemaphoreSlim> gates = new();

    /// <summary>The person's demo alliance, created (with its history) when they have none.</summary>
    public async Task<DemoAlliance> EnsureAsync(ContactSighting caller, Language language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var identity = caller.Reference.Identity;
        var gate = gates.GetOrAdd(identity, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var existing = (await database.ListMyAlliancesAsync(identity, cancellationToken)).FirstOrDefault(a => a.IsDemo);
            if (existing is not null)
            {
                return new DemoAlliance(existing.AllianceId, existing.AllianceName, Created: false);
            }

            var contact = await contacts.RecordSightingAsync(caller, cancellationToken);
            var id = await CreateAsync(contact.Id, language, cancellationToken);
            return new DemoAlliance(id, DemoStory.AllianceName, Created: true);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Deletes a demo alliance with everything in it; refuses (false) for an alliance that is not a demo.</summary>
    public async Task<bool> DeleteAsync(Guid allianceId, CancellationToken cancellationToken)
    {
        var alliance = await database.GetAllianceAsync(allianceId, cancellationToken);
        if (alliance is not { IsDemo: true })
        {
            return false;
        }

        await database.DeleteAllianceAsync(allianceId, cancellationToken);
        return true;
    }

    private async Task<Guid> CreateAsync(Guid callerContact, Language language, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 9, 0, 0, TimeSpan.Zero);
        var start = thisMonth.AddMonths(-DemoStory.Months);
        var created = await database.CreateAllianceAsync(new NewAlliance(
            DemoStory.AllianceName, callerContact, DemoStory.PartnerNames[0], [DemoStory.PartnerNames[1]],
            Locale: language.Code(), IsDemo: true), start, cancellationToken);
        var allianceId = created.Alliance.Id;
        var partners = DemoStory.PartnerNames.Select(name => created.Partners.Single(p => string.Equals(p.Name, name, StringComparison.Ordinal))).ToList();

        var people = DemoStory.People();
        var members = new Dictionary<int, Member>();
        foreach (var person in people)
        {
            members[person.Number] = await AddSimulatedAsync(allianceId, partners[person.PartnerIndex].Id, person, start, cancellationToken);
        }

        var phases = new List<TrustPhaseChange> { new(Phase.GettingAcquainted, start) };
        var rounds = new List<RoundData>();
        var options = HealthEvaluator.OptionsFor(created.Alliance, trustOptions.Value);
        var previousRotating = (IReadOnlyCollection<string>)[];
        for (var month = 0; month < DemoStory.Months; month++)
        {
            var opened = start.AddMonths(month).AddDays(1);
            var phase = DemoStory.PhaseOf(month);
            if (phase != phases[^1].Phase)
            {
                // Declared a few days before the round, as a manager would after the meeting that decided it.
                var declared = opened.AddDays(-4);
                await database.SetPhaseAsync(allianceId, phase, callerContact, phase == Phase.Confirmation ? "demo: contract talks" : "demo: contract signed", declared, cancellationToken);
                phases.Add(new TrustPhaseChange(phase, declared));
            }

            var plan = RoundComposer.Compose(ItemBank.Default, new RoundRequest(BitConverter.ToInt32(allianceId.ToByteArray()), month, previousRotating), options.Rounds);
            previousRotating = plan.RotatingIds;
            var round = (await database.OpenRoundAsync(new NewRound(allianceId, $"{opened:yyyy-MM}", RoundKind.Regular,
                JsonSerializer.Serialize(plan.Items.Select(i => i.Id)), opened, opened.AddDays(created.Alliance.CloseAfterDays)), cancellationToken)).Round;
            await database.SetInvitedCountAsync(round.Id, people.Count, cancellationToken);

            var answers = DemoStory.Answers(month, people, plan.Items);
            var answeredAt = opened.AddHours(3);
            foreach (var (number, given) in answers)
            {
                await database.RecordAnswersAsync(round.Id, members[number].Id, given, answeredAt, cancellationToken);
            }

            // The result the closing job stores, from the trust model over the same (anonymous) answers.
            var closedAt = round.ClosesAt;
            var data = HealthEvaluator.ToRoundData(round with { ClosedAt = closedAt, InvitedCount = people.Count },
                await database.ListRoundAnswersAsync(round.Id, cancellationToken), 0);
            rounds.Add(data);
            var report = Trust.HealthCheck.Evaluate(new PhaseHistory(phases), rounds, options, Language.Fallback);
            await database.CloseRoundAsync(round.Id, RoundResults.Json(report), closedAt, cancellationToken);
        }

        return allianceId;
    }

    private async Task<Member> AddSimulatedAsync(Guid allianceId, Guid partnerId, DemoPerson person, DateTimeOffset joined, CancellationToken cancellationToken)
    {
        var identity = new MemberIdentity(MemberIdentity.Teams, SimulatedTenant, $"{allianceId:N}-{person.Number:00}");
        var contact = await contacts.RecordSightingAsync(new ContactSighting(
            new ConversationReference(identity.Channel, identity.TenantId, identity.UserId, null, null, null, null, null),
            person.DisplayName, Language.FallbackCode, "Europe/Amsterdam", joined), cancellationToken);

        // Nothing may ever be sent to a simulated person: the dispatcher skips unreachable contacts.
        await contacts.MarkUnreachableAsync(identity, "simulated demo member", joined, cancellationToken);
        return await database.AddMemberAsync(new NewMember(allianceId, partnerId, contact.Id, person.IsManager ? MemberRole.Manager : MemberRole.Member), joined, cancellationToken);
    }
}
