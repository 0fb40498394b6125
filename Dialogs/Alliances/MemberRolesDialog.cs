using AllianceBot.Data.Audit;
using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Alliances;

/// <summary>What a manager does to one member of their own organisation.</summary>
public enum MemberChange
{
    Remove,
    Promote,
    Demote,
}

/// <summary>
/// "remove NAME", "promote NAME", "demote NAME": the name is looked up among the manager's own organisation only;
/// several matches give a choice card, removing and demoting ask for confirmation. Buttons carry alliance, member and
/// change, and every click is authorized again for the person who clicks.
/// </summary>
public sealed class MemberRolesDialog(Database database, AllianceScopes scopes, AllianceDirectory directory, TimeProvider time) : IDialog
{
    public const string PickVerb = "alliance.member.pick";
    public const string ConfirmVerb = "alliance.member.confirm";
    public const string ChangeKey = "change";

    public void Register(DialogRoutes routes) => routes
        .OnIntent(Intent.RemoveMember, Operation.RemoveMember, (c, scope) => TypedAsync(c, scope, MemberChange.Remove))
        .OnIntent(Intent.Promote, Operation.ChangeRole, (c, scope) => TypedAsync(c, scope, MemberChange.Promote))
        .OnIntent(Intent.Demote, Operation.ChangeRole, (c, scope) => TypedAsync(c, scope, MemberChange.Demote))
        .OnVerb(PickVerb, Audience.Manager, Clicked, (c, scope) => ClickedAsync(c, scope, confirmed: false), ReadableCardAsync)
        .OnVerb(ConfirmVerb, Audience.Manager, Clicked, (c, scope) => ClickedAsync(c, scope, confirmed: true), ReadableCardAsync);

    /// <summary>A button names its change: removing needs <see cref="Operation.RemoveMember"/>, a role change <see cref="Operation.ChangeRole"/>.</summary>
    private static Requirement Clicked { get; } = Requirement.OneOf(
        c => (OperationOf(ChangeOf(c)), IntentOf(ChangeOf(c))), Operation.RemoveMember, Operation.ChangeRole);

    private static MemberChange ChangeOf(DialogContext context) => Enum.Parse<MemberChange>(context.Value(ChangeKey)!);

    private static Operation OperationOf(MemberChange change) => change == MemberChange.Remove ? Operation.RemoveMember : Operation.ChangeRole;

    private static Intent IntentOf(MemberChange change) => change switch
    {
        MemberChange.Remove => Intent.RemoveMember,
        MemberChange.Promote => Intent.Promote,
        _ => Intent.Demote,
    };

    private async Task<TurnResult> TypedAsync(DialogContext context, AllianceScope scope, MemberChange change)
    {
        var texts = context.Texts;
        var name = context.Arguments.Text(Arg.Member);
        var matches = string.IsNullOrWhiteSpace(name)
            ? []
            : await directory.FindByNameAsync(scope.Alliance.Id, scope.Member.PartnerId, name, context.CancellationToken);
        switch (matches.Count)
        {
            case 0:
                return TurnResult.Reply(new MessageView(texts.Format("alliance.member.notfound", name ?? "", scope.PartnerName)));
            case 1:
                return await NextAsync(context, scope, change, matches[0].MemberId, confirmed: false);
        }

        var buttons = matches.Take(8).Select(m => (ViewAction)new SubmitAction(
            $"{m.Name} ({texts[m.Role == MemberRole.Manager ? "join.role.manager" : "join.role.member"]})",
            PickVerb, Data(context, scope, change, m.MemberId))).ToList();
        return TurnResult.Reply(new CardView(CardKind.Choice, texts["alliance.member.which.title"],
            [new Paragraph(texts.Format("alliance.member.which.body", name ?? ""))], buttons, texts["alliance.member.which.title"]));
    }

    // Before authorization: the button must be the clicker's own and say what it does to whom.
    private static Task<TurnResult?> ReadableCardAsync(DialogContext context) => Task.FromResult(
        CardGuard.IsFor(context.Identity, context.Value(CardGuard.ForKey))
        && Enum.TryParse<MemberChange>(context.Value(ChangeKey), out _)
        && Guid.TryParse(context.Value(ConfirmVerbs.MemberKey), out _)
            ? null
            : CardGuard.NotYours(context));

    private Task<TurnResult> ClickedAsync(DialogContext context, AllianceScope scope, bool confirmed) =>
        NextAsync(context, scope, ChangeOf(context), Guid.Parse(context.Value(ConfirmVerbs.MemberKey)!), confirmed);

    private async Task<TurnResult> NextAsync(DialogContext context, AllianceScope scope, MemberChange change, Guid memberId, bool confirmed)
    {
        var texts = context.Texts;
        var ct = context.CancellationToken;
        var target = await database.GetMemberAsync(memberId, ct);
        if (target is null || target.AllianceId != scope.Alliance.Id || !target.Active)
        {
            return TurnResult.Reply(ScopeCards.Denied(texts, Denial.NoTarget));
        }

        // A promotion never takes a manager away, so the last-manager rule does not apply to it.
        var asTarget = change == MemberChange.Promote ? new TargetMember(target.Id, target.PartnerId, MemberRole.Member) : TargetMember.Of(target);
        if (await scopes.AuthorizeAsync(context, scope, OperationOf(change), asTarget) is { } refusal)
        {
            return refusal;
        }

        var name = (await directory.ContactAsync(target.ContactId, ct))?.DisplayName ?? texts["alliance.member.unnamed"];
        if (change == MemberChange.Promote && target.Role == MemberRole.Manager || change == MemberChange.Demote && target.Role == MemberRole.Member)
        {
            return TurnResult.Reply(new MessageView(texts.Format($"alliance.member.{change.ToString().ToLowerInvariant()}.already", name)));
        }

        if (change != MemberChange.Promote && !confirmed)
        {
            var key = change.ToString().ToLowerInvariant();
            return TurnResult.Reply(AllianceCards.Confirm(texts, texts.Format($"alliance.member.{key}.confirm.title", name),
                [new Paragraph(texts.Format($"alliance.member.{key}.confirm.body", name, scope.Alliance.Name))],
                texts.Format($"alliance.member.{key}.button", name), ConfirmVerb, Data(context, scope, change, target.Id)));
        }

        var now = time.GetUtcNow();
        _ = change switch
        {
            MemberChange.Remove => await database.RemoveMemberAsync(target.Id, now, ct),
            MemberChange.Promote => await database.SetRoleAsync(target.Id, MemberRole.Manager, ct),
            _ => await database.SetRoleAsync(target.Id, MemberRole.Member, ct),
        };
        await database.RecordAuditAsync(new AuditEntry(scope.Alliance.Id, scope.Member.ContactId, AuditActions.Of(change), null, now, target.Id), ct);
        var done = AllianceCards.Done(texts, texts[$"alliance.member.{change.ToString().ToLowerInvariant()}.done.title"],
            texts.Format($"alliance.member.{change.ToString().ToLowerInvariant()}.done.body", name, scope.PartnerName));
        return confirmed ? new TurnResult([], done) : TurnResult.Reply(done);
    }

    private static Dictionary<string, string> Data(DialogContext context, AllianceScope scope, MemberChange change, Guid memberId) => new(StringComparer.Ordinal)
    {
        [AllianceScopes.AllianceKey] = scope.Alliance.Id.ToString(),
        [ConfirmVerbs.MemberKey] = memberId.ToString(),
        [ChangeKey] = change.ToString(),
        [CardGuard.ForKey] = CardGuard.Fingerprint(context.Identity),
        [DialogVerbs.LanguageKey] = context.Texts.Language.Code(),
    };
}

/// <summary>Audit action names of member changes.</summary>
public static class AuditActions
{
    public static string Of(MemberChange change) => change switch
    {
        MemberChange.Remove => "member.removed",
        MemberChange.Promote => "member.promoted",
        _ => "member.demoted",
    };
}

/// <summary>Shorthand so dialogs in this folder refer to the access cards by one name.</summary>
internal static class ScopeCards
{
    public static CardView Denied(Texts texts, Denial denial) => AllianceScopes.Denied(texts, denial);
}
