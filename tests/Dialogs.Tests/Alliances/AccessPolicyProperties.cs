using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Alliances;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using FsCheck;
using FsCheck.Fluent;

namespace AllianceBot.Dialogs.Tests.Alliances;

/// <summary>The one authorization rule, on its own and through the dialogs.</summary>
public sealed class AccessPolicyProperties
{
    private static readonly Guid PartnerA = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid PartnerB = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    private static Gen<Actor?> Actors =>
        Gen.OneOf(Gen.Constant<Actor?>(null),
            from partner in Gen.Elements(PartnerA, PartnerB)
            from role in Gen.Elements(MemberRole.Member, MemberRole.Manager)
            select (Actor?)new Actor(Guid.NewGuid(), partner, role));

    private static Gen<TargetMember?> Targets =>
        Gen.OneOf(Gen.Constant<TargetMember?>(null),
            from partner in Gen.Elements(PartnerA, PartnerB)
            from role in Gen.Elements(MemberRole.Member, MemberRole.Manager)
            select (TargetMember?)new TargetMember(Guid.NewGuid(), partner, role));

    private static Gen<TargetPartner?> Partners =>
        Gen.OneOf(Gen.Constant<TargetPartner?>(null),
            from partner in Gen.Elements(PartnerA, PartnerB, Guid.Empty)
            from managers in Gen.Choose(0, 3)
            select (TargetPartner?)new TargetPartner(partner, managers));

    /// <summary>The rule restated as a specification: what a careful reader of issue 7 expects.</summary>
    private static bool Expected(Actor? actor, Operation operation, TargetMember? target, int managers, TargetPartner? partner)
    {
        if (actor is null)
        {
            return false;
        }

        if (operation == Operation.Leave)
        {
            return actor.Role == MemberRole.Member || managers >= 2;
        }

        if (operation is Operation.ViewHealth or Operation.AnswerPulse or Operation.ShowPulse or Operation.OwnSettings)
        {
            return true;
        }

        if (actor.Role != MemberRole.Manager)
        {
            return false;
        }

        var memberOk = target is null || operation is not (Operation.RemoveMember or Operation.ChangeRole)
            || (target.PartnerId == actor.PartnerId && (target.Role == MemberRole.Member || managers >= 2));
        var partnerOk = partner is null || operation != Operation.Invite || partner.PartnerId == actor.PartnerId || partner.ActiveManagers == 0;
        return memberOk && partnerOk;
    }

    [Fact]
    public void ThePolicyIsTotalAndMatchesTheSpecification()
    {
        var cases =
            from actor in Actors
            from operation in Gen.Elements(Enum.GetValues<Operation>())
            from target in Targets
            from managers in Gen.Choose(0, 3)
            from partner in Partners
            select (actor, operation, target, managers, partner);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var decision = AccessPolicy.Decide(c.actor, c.operation, c.target, c.managers, c.partner);
            return decision.Allowed == Expected(c.actor, c.operation, c.target, c.managers, c.partner)
                && decision.Allowed == (decision.Denied is null);
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>A command a person can give, with how to tell from the answer whether it was done.</summary>
    public sealed record Command(string Name, Operation Operation, Func<TranscriptUser, MemberEntry?, Transcript, Transcript> Run);

    [Fact]
    public async Task ThroughTheDialogsACommandSucceedsExactlyWhenThePolicySaysSo()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);
        var allianceId = (await host.Database.ListMyAlliancesAsync(People.Anna.Identity, default))[0].AllianceId;
        var directory = new AllianceDirectory(host.Database, host.Time);
        TranscriptUser[] people = [People.Anna, People.Dirk, People.Bram, People.Eva, People.Chris, People.Olga];

        var generator =
            from person in Gen.Elements(people)
            from operation in Gen.Elements(Operation.SetPhase, Operation.SetAnonymity, Operation.ViewMembers, Operation.Export,
                Operation.RemoveMember, Operation.ChangeRole, Operation.OwnSettings)
            from targetIndex in Gen.Choose(0, 4)
            select (person, operation, targetIndex);
        var samples = generator.Sample(60, 40);

        foreach (var (person, operation, targetIndex) in samples)
        {
            var members = await directory.MembersAsync(allianceId, default);
            var target = members[targetIndex % members.Count];
            var me = await host.Database.FindMembershipAsync(allianceId, person.Identity, default);
            var actor = me is null ? null : Actor.Of(me);
            var targetMember = new TargetMember(target.MemberId, target.PartnerId, operation == Operation.ChangeRole && target.Role == MemberRole.Member ? MemberRole.Member : target.Role);
            var managers = members.Count(m => m.PartnerId == (operation is Operation.RemoveMember or Operation.ChangeRole ? target.PartnerId : me?.PartnerId) && m.Role == MemberRole.Manager);
            var expected = AccessPolicy.Decide(actor, operation, operation is Operation.RemoveMember or Operation.ChangeRole ? targetMember : null,
                Math.Max(managers, 0)).Allowed;

            var (verb, data, text) = operation switch
            {
                Operation.SetPhase => ((string?)null, (Dictionary<string, string>?)null, "phase 2"),
                Operation.SetAnonymity => (null, null, "anonymity 6"),
                Operation.ViewMembers => (null, null, "members"),
                Operation.Export => (null, null, "export"),
                Operation.OwnSettings => (null, null, "stop reminders"),
                _ => (MemberRolesDialog.ConfirmVerb, new Dictionary<string, string>
                {
                    ["alliance"] = allianceId.ToString(), ["member"] = target.MemberId.ToString(),
                    ["change"] = operation == Operation.RemoveMember ? "Remove" : target.Role == MemberRole.Manager ? "Demote" : "Promote",
                    ["for"] = CardGuard.Fingerprint(person.Identity),
                }, (string?)null),
            };
            var turn = new Turn(verb is null ? TurnKind.Message : TurnKind.CardAction, person.Identity, person.DisplayName,
                new ConversationReference(person.Identity.Channel, person.Identity.TenantId, person.Identity.UserId, null, person.ConversationId, null),
                person.ConversationKind, person.Locale, person.TimeZone, text, verb is null ? null : new TurnAction(verb, data!), "x", null, DateTimeOffset.UnixEpoch);
            var result = await host.Handler.HandleAsync(turn, default);
            var refused = result.Replies.OfType<CardView>().Any(c => c.Kind == CardKind.Error || c.Title is "No alliance yet" or "Nog geen alliantie");
            Assert.True(expected != refused, $"{person.DisplayName} {operation} on {target.Name}: policy {(expected ? "allows" : "denies")}, dialog {(refused ? "refused" : "did it")}");

            // Keep the cast intact so later samples still have managers and members on every side.
            if (!refused && operation is Operation.RemoveMember or Operation.ChangeRole)
            {
                await RestoreAsync(host, allianceId, target);
            }
        }
    }

    private static async Task RestoreAsync(AllianceTestHost host, Guid allianceId, MemberEntry target)
    {
        var now = host.Time.GetUtcNow();
        await host.Database.AddMemberAsync(new NewMember(allianceId, target.PartnerId, target.ContactId, target.Role), now, default);
        await host.Database.SetRoleAsync(target.MemberId, target.Role, default);
    }
}
