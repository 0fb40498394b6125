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
    DeleteAlliance,
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

public enum Denial
{
    NotAMember,
    ManagersOnly,
    OtherPartner,
    LastManager,
    NoTarget,
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
    public static AccessDecision Decide(Actor? actor, Operation operation, TargetMember? target = null, int activeManagersOnPartner = 1)
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

        if (actor.Role != MemberRole.Manager)
        {
            return AccessDecision.Deny(Denial.ManagersOnly);
        }

        if (operation is Operation.RemoveMember or Operation.ChangeRole)
        {
            if (target is null)
            {
                return AccessDecision.Deny(Denial.NoTarget);
            }

            // Each company manages its own people: a manager of partner A never acts on partner B's members.
            if (target.PartnerId != actor.PartnerId)
            {
                return AccessDecision.Deny(Denial.OtherPartner);
            }

            var removesAManager = target.Role == MemberRole.Manager;
            if (removesAManager && activeManagersOnPartner <= 1)
            {
                return AccessDecision.Deny(Denial.LastManager);
            }
        }

        return AccessDecision.Allow;
    }

    public static bool IsForEveryMember(Operation operation) =>
        operation is Operation.ViewHealth or Operation.AnswerPulse or Operation.ShowPulse or Operation.OwnSettings or Operation.Leave;
}
