using AllianceBot.Data.Alliances;
using AllianceBot.Data.Commitments;
using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Access;

/// <summary>The alliance a turn acts on, with the caller's membership, after authorization.</summary>
public sealed record AllianceScope(Alliance Alliance, Member Member, string PartnerName)
{
    public Actor Actor => Actor.Of(Member);

    public bool IsManager => Member.Role == MemberRole.Manager;
}

/// <summary>Either the authorized scope, or the answer to give instead (not a member, pick one, not allowed).</summary>
public sealed record ScopeResolution(AllianceScope? Scope, TurnResult? Refusal)
{
    public static ScopeResolution Of(AllianceScope scope) => new(scope, null);

    public static ScopeResolution Refuse(View view) => new(null, TurnResult.Reply(view));
}

/// <summary>
/// Resolves which alliance a command or card action is about and checks the caller may do the operation there —
/// the single place every route that acts on an alliance goes through. The router calls it with the operation the
/// route declared (<see cref="Requirement"/>); handlers get the resulting scope and never resolve it themselves. A card
/// action names its alliance (data key <see cref="AllianceKey"/>) and is re-checked against the clicking person's own
/// membership, so a forwarded or replayed card cannot act for someone else. A typed command uses the linked room's
/// alliance, or the caller's only alliance, or asks which one when they are in several.
/// </summary>
public sealed class AllianceScopes(Database database)
{
    /// <summary>Card data key that carries the alliance id.</summary>
    public const string AllianceKey = "alliance";

    internal async Task<ScopeResolution> ResolveAsync(DialogContext context, Operation operation, Intent rerun)
    {
        var identity = context.Identity;
        var ct = context.CancellationToken;
        Guid allianceId;
        var named = context.Value(AllianceKey);
        if (named is null && context.Audience.RoomAlliance is { } room)
        {
            // A command typed in a room linked to an alliance is about that alliance.
            allianceId = room;
        }
        else if (named is not null)
        {
            if (!Guid.TryParse(named, out allianceId))
            {
                return ScopeResolution.Refuse(Denied(context.Texts, Denial.NotAMember));
            }
        }
        else
        {
            var mine = await database.ListMyAlliancesAsync(identity, ct);
            switch (mine.Count)
            {
                case 0:
                    return ScopeResolution.Refuse(NoAlliance(context.Texts));
                case > 1:
                    return ScopeResolution.Refuse(Choose(context, mine, rerun));
            }

            allianceId = mine[0].AllianceId;
        }

        var member = await database.FindMembershipAsync(allianceId, identity, ct);
        var alliance = member is null ? null : await database.GetAllianceAsync(allianceId, ct);
        if (member is null || alliance is null)
        {
            return ScopeResolution.Refuse(Denied(context.Texts, Denial.NotAMember));
        }

        var managers = operation is Operation.Leave or Operation.RemoveMember or Operation.ChangeRole
            ? await CountManagersAsync(allianceId, member.PartnerId, ct)
            : 1;
        var membersMayCommit = operation == Operation.Commit && member.Role != MemberRole.Manager
            && await database.MembersMayCommitAsync(allianceId, ct);
        var decision = AccessPolicy.Decide(Actor.Of(member), operation, activeManagersOnPartner: managers, membersMayCommit: membersMayCommit);
        if (!decision.Allowed)
        {
            return ScopeResolution.Refuse(Refusal(context.Texts, decision.Denied!.Value));
        }

        var partners = await database.ListPartnersAsync(allianceId, ct);
        var partner = partners.FirstOrDefault(p => p.Id == member.PartnerId)?.Name ?? "";
        context.AnsweredAlliance = allianceId;
        return ScopeResolution.Of(new AllianceScope(alliance, member, partner));
    }

    /// <summary>
    /// The second check for operations on someone or some partner that the dialog could only find after the scope was
    /// known (a member found by name, a partner by organisation name). Null when allowed, else the refusal to show.
    /// </summary>
    public async Task<TurnResult?> AuthorizeAsync(DialogContext context, AllianceScope scope, Operation operation, TargetMember? target = null, TargetPartner? partner = null)
    {
        var managers = target is null ? 1 : await CountManagersAsync(scope.Alliance.Id, target.PartnerId, context.CancellationToken);
        var decision = AccessPolicy.Decide(scope.Actor, operation, target, managers, partner);
        return decision.Allowed ? null : TurnResult.Reply(Refusal(context.Texts, decision.Denied!.Value));
    }

    /// <summary>Active managers of one partner side.</summary>
    public async Task<int> CountManagersAsync(Guid allianceId, Guid partnerId, CancellationToken ct)
    {
        var members = await database.ListRoundMembersAsync(allianceId, ct);
        return members.Count(m => m.PartnerId == partnerId && m.Role == MemberRole.Manager);
    }

    /// <summary>The "which alliance?" card: one button per alliance that re-runs the same intent for it.</summary>
    public static CardView Choose(DialogContext context, IReadOnlyList<MyAlliance> alliances, Intent rerun)
    {
        var texts = context.Texts;
        var definition = IntentTable.Get(rerun);
        var buttons = alliances.Select(a => (ViewAction)new SubmitAction(
            a.IsDemo ? texts.Format("scope.choose.demo", a.AllianceName) : a.AllianceName,
            DialogVerbs.RunIntent,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [DialogVerbs.IntentKey] = definition.Key,
                [DialogVerbs.LanguageKey] = texts.Language.Code(),
                [AllianceKey] = a.AllianceId.ToString(),
            })).ToList();
        return new CardView(CardKind.Choice, texts["scope.choose.title"], [new Paragraph(texts["scope.choose.body"])], buttons, texts["scope.choose.title"]);
    }

    public static CardView NoAlliance(Texts texts) => new(
        CardKind.Info,
        texts["scope.none.title"],
        [new Paragraph(texts["scope.none.body"])],
        [IntentButtons.For(Intent.CreateAlliance, texts), IntentButtons.For(Intent.Demo, texts), IntentButtons.For(Intent.Help, texts)],
        texts["scope.none.title"]);

    /// <summary>
    /// The answer to a refusal: the "Not possible" card, except a member's commitment in an alliance where only
    /// managers commit, which has always been the one line that also says how a manager can allow it.
    /// </summary>
    public static View Refusal(Texts texts, Denial denial) =>
        denial == Denial.CommitManagersOnly ? new MessageView(texts["commitments.refuse.managersonly"]) : Denied(texts, denial);

    public static CardView Denied(Texts texts, Denial denial) => new(
        CardKind.Error,
        texts["scope.denied.title"],
        [new Paragraph(texts[$"scope.denied.{denial.ToString().ToLowerInvariant()}"])],
        [IntentButtons.For(Intent.Help, texts)],
        texts["scope.denied.title"]);
}
