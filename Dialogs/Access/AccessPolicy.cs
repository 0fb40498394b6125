using AllianceBot.Data.Members;

namespace AllianceBot.Dialogs.Access;

/// <summary>Everything a person can ask the bot to do to an alliance. Every command and card action maps to one.</summary>
public enum Operation
{
    // Any member.
    ViewHealth,
    AnswerPulse,
    ShowPulse,
    OwnSettings,
    Leave,

    // Managers only.
    ViewDrift,
    RoundNow,
    SetPhase,
    SetSchedule,
    SetAnonymity,
    Invite,
    ViewMembers,
    AddMembers,
    RemoveMember,
    ChangeRole,
    Export,
    Report,
    DeleteAlliance,
    RevokeCode,
    LinkRoom,
    SetCommitments,

    // Managers; members too when the alliance lets them ("commitments members on").
    Commit,
}

/// <summary>The caller's membership: who they are in this alliance.</summary>
public sealed record Actor(Guid MemberId, Guid PartnerId, MemberRole Role)
{
    public static Actor Of(Member member) => new(member.Id, member.PartnerId, member.Role);
}

/// <summary>The member an operation acts on (remove, promote, demote).</summary>
public sealed record TargetMember(Guid MemberId, Guid PartnerId, MemberRole Role)
{
    public static TargetMember Of(Member member) => new(member.Id, member.PartnerId, member.Role);
}

/// <summary>The partner organisation an invitation is for, with how many active managers it has now.</summary>
public sealed record TargetPartner(Guid PartnerId, int ActiveManagers);

public enum Denial
{
    NotAMember,
    ManagersOnly,
    OtherPartner,
    LastManager,
    NoTarget,
    PartnerHasManagers,
    CommitManagersOnly,
}

public sealed record AccessDecision(Denial? Denied)
{
    public static AccessDecision Allow { get; } = new((Denial?)null);

    public bool Allowed => Denied is null;

    public static AccessDecision Deny(Denial reason) => new(reason);
}

/// <summary>
/// The one authorization rule, pure. Callers establish the actor from the caller's channel identity and the alliance
/// id the command or card names (never from anything a card claims about the person), then ask here.
/// </summary>
public static class AccessPolicy
{
    /// <summary>
    /// Decides whether <paramref name="actor"/> may do <paramref name="operation"/>. Total: every combination of inputs
    /// has an answer, nothing throws.
    /// <list type="bullet">
    /// <item>No membership: denied, whatever the operation.</item>
    /// <item>Member operations (view, answer, own settings): allowed. Leave: not for the last manager of a partner side.</item>
    /// <item>Commit: managers, and members when the alliance lets them (<paramref name="membersMayCommit"/>).</item>
    /// <item>Everything else: managers only.</item>
    /// <item>Remove / change role: with a target, only a member of the actor's own partner, and never the last manager
    /// of that side (<paramref name="activeManagersOnPartner"/>). Without a target the question is "may this person do
    /// this kind of thing at all" (the dialog asks again once it found the member by name).</item>
    /// <item>Invite: for the actor's own partner (a member code), or for a partner with no active manager (a manager
    /// code, how a new company gets its first manager); a partner that has managers invites its own people.</item>
    /// </list>
    /// </summary>
    public static AccessDecision Decide(
        Actor? actor, Operation operation, TargetMember? target = null, int activeManagersOnPartner = 1, TargetPartner? partner = null,
        bool membersMayCommit = false)
    {
        if (actor is null)
        {
            return AccessDecision.Deny(Denial.NotAMember);
        }

        if (operation == Operation.Leave)
        {
            // The last manager of a partner side hands over first, or that side can no longer be managed.
            return actor.Role == MemberRole.Manager && activeManagersOnPartner <= 1
                ? AccessDecision.Deny(Denial.LastManager)
                : AccessDecision.Allow;
        }

        if (IsForEveryMember(operation))
        {
            return AccessDecision.Allow;
        }

        if (operation == Operation.Commit && actor.Role != MemberRole.Manager)
        {
            return membersMayCommit ? AccessDecision.Allow : AccessDecision.Deny(Denial.CommitManagersOnly);
        }

        if (actor.Role != MemberRole.Manager)
        {
            return AccessDecision.Deny(Denial.ManagersOnly);
        }

        return operation switch
        {
            Operation.RemoveMember or Operation.ChangeRole when target is not null => DecideOnMember(actor, target, activeManagersOnPartner),
            Operation.Invite when partner is not null => DecideOnPartner(actor, partner),
            _ => AccessDecision.Allow,
        };
    }

    public static bool IsForEveryMember(Operation operation) =>
        operation is Operation.ViewHealth or Operation.AnswerPulse or Operation.ShowPulse or Operation.OwnSettings or Operation.Leave;

    private static AccessDecision DecideOnMember(Actor actor, TargetMember target, int activeManagersOnPartner)
    {
        // Each company manages its own people: a manager of partner A never acts on partner B's members.
        if (target.PartnerId != actor.PartnerId)
        {
            return AccessDecision.Deny(Denial.OtherPartner);
        }

        return target.Role == MemberRole.Manager && activeManagersOnPartner <= 1
            ? AccessDecision.Deny(Denial.LastManager)
            : AccessDecision.Allow;
    }

    private static AccessDecision DecideOnPartner(Actor actor, TargetPartner partner) =>
        partner.PartnerId == actor.PartnerId || partner.ActiveManagers == 0
            ? AccessDecision.Allow
            : AccessDecision.Deny(Denial.PartnerHasManagers);
}
