using System.Text.Json;
using System.Text.Json.Nodes;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Audit;
using AllianceBot.Data.JoinCodes;
using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;
using Microsoft.Extensions.Options;

namespace AllianceBot.Dialogs.Alliances;

/// <summary>Join codes: how long they live and how many wrong codes a person may type before a pause.</summary>
public sealed class JoinCodeOptions
{
    public const string Section = "Dialogs:JoinCodes";

    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(14);

    [System.ComponentModel.DataAnnotations.Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The HMAC-SHA256 key codes are stored under (at least 32 characters). Required outside Development; in
    /// Development a random per-process key is used when empty (codes then die with the process). Changing it
    /// invalidates every open code.
    /// </summary>
    public string HashKey { get; set; } = "";
}

/// <summary>
/// "invite ORG" (a manager gets a code), "revoke code [CODE]" and "join CODE" (anyone, from any channel or tenant).
/// A manager's invite for their own organisation gives a member code; for a partner that has no manager yet (or a new
/// partner) a manager code, whose first redeemer becomes that partner's manager (later redeemers join as members).
/// Wrong codes are counted per identity; after too many the person is paused for a while.
/// </summary>
public sealed class JoinCodesDialog(
    Database database, AllianceScopes scopes, AllianceDirectory directory, JoinCodeHasher hasher, TimeProvider time, IOptions<JoinCodeOptions> options) : IDialog
{
    public const string RevokeVerb = "alliance.code.revoke";
    public const string CodeKey = "code";
    internal const string IssuedAction = "join-code.issued";
    internal const string RevokedAction = "join-code.revoked";

    private readonly JoinCodeOptions settings = options.Value;

    public void Register(DialogRoutes routes) => routes
        .OnIntent(Intent.Invite, Operation.Invite, InviteAsync)
        .OnIntent(Intent.RevokeCode, Operation.RevokeCode, RevokeTypedAsync)
        .OnVerb(RevokeVerb, Audience.Manager, Operation.RevokeCode, Intent.RevokeCode, RevokeClickedAsync)
        .OnOpenIntent(Intent.Join, JoinAsync);

    private async Task<TurnResult> InviteAsync(DialogContext context, AllianceScope scope)
    {
        var ct = context.CancellationToken;
        var texts = context.Texts;
        var typed = context.Arguments.Text(Arg.Organisation);
        if (!string.IsNullOrWhiteSpace(typed) && AllianceInputs.Name(typed) is null)
        {
            // Not silently an invite for the manager's own organisation: say what is wrong with the name.
            return TurnResult.Reply(new MessageView(texts.Format("alliance.create.badname", AllianceInputs.MaxNameLength)));
        }

        var wanted = AllianceInputs.Name(typed) ?? scope.PartnerName;
        var partners = await database.ListPartnersAsync(scope.Alliance.Id, ct);
        var partner = partners.FirstOrDefault(p => string.Equals(p.Name, wanted, StringComparison.OrdinalIgnoreCase));
        if (partner is null && partners.Count >= AllianceInputs.MaxPartners)
        {
            return TurnResult.Reply(new MessageView(texts.Format("alliance.partners.full", AllianceInputs.MaxPartners, wanted)));
        }

        var managers = partner is null ? 0 : await scopes.CountManagersAsync(scope.Alliance.Id, partner.Id, ct);
        if (await scopes.AuthorizeAsync(context, scope, Operation.Invite, partner: new TargetPartner(partner?.Id ?? Guid.Empty, managers)) is { } refusal)
        {
            return refusal;
        }

        var now = time.GetUtcNow();
        partner ??= await database.AddPartnerAsync(scope.Alliance.Id, wanted, now, ct);
        var role = partner.Id == scope.Member.PartnerId ? MemberRole.Member : MemberRole.Manager;
        var issued = await database.CreateJoinCodeAsync(hasher,
            new NewJoinCode(scope.Alliance.Id, partner.Id, role, now + settings.Lifetime, scope.Member.ContactId), now, ct);
        var detail = new JsonObject
        {
            // The code by its id only: a copy of its hash here would outlive a revocation and a "forget me".
            ["code"] = issued.Id.ToString(),
            ["partner"] = partner.Id.ToString(),
            ["role"] = role == MemberRole.Manager ? "manager" : "member",
            ["expires"] = issued.ExpiresAt.ToUnixTimeSeconds(),
        };
        await database.RecordAuditAsync(new AuditEntry(scope.Alliance.Id, scope.Member.ContactId, IssuedAction, detail.ToJsonString(), now), ct);
        return TurnResult.Reply(CodeCard(context, scope, partner.Name, role, issued));
    }

    private CardView CodeCard(DialogContext context, AllianceScope scope, string partnerName, MemberRole role, IssuedJoinCode issued)
    {
        var texts = context.Texts;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(scope.Alliance.TimeZone);
        var roleText = texts[role == MemberRole.Manager ? "join.code.role.manager" : "join.code.role.member"];
        var title = texts.Format("join.code.title", partnerName);
        return new CardView(CardKind.Info, title,
        [
            new Heading(issued.Code),
            new FactList(
            [
                new Fact(texts["alliance.fact.organisation"], partnerName),
                new Fact(texts["join.code.gives"], roleText),
                new Fact(texts["join.code.valid"], texts.DateTime(issued.ExpiresAt, zone)),
            ]),
            new Paragraph(texts.Format("join.code.howto", issued.Code)),
            new Paragraph(texts.Format("join.code.safety", settings.MaxFailedAttempts), Tone.Subtle),
        ],
        [
            new SubmitAction(texts["join.code.revoke"], RevokeVerb, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [AllianceScopes.AllianceKey] = scope.Alliance.Id.ToString(),
                [CodeKey] = issued.Id.ToString(),
                [DialogVerbs.LanguageKey] = texts.Language.Code(),
            }, ActionStyle.Destructive),
        ],
        title);
    }

    private async Task<TurnResult> RevokeTypedAsync(DialogContext context, AllianceScope scope)
    {
        var open = await OpenCodesAsync(scope.Alliance.Id, context.CancellationToken);
        var typed = context.Arguments.Text(Arg.Code) ?? context.Arguments.Problems.FirstOrDefault(p => p.Name == Arg.Code)?.Raw;
        if (typed is not null)
        {
            var match = open.FirstOrDefault(c => hasher.Matches(typed, c.CodeHash));
            return match is null
                ? TurnResult.Reply(new MessageView(context.Texts["join.revoke.unknown"]))
                : await RevokeAsync(context, scope, match.Id, replace: false);
        }

        if (open.Count == 0)
        {
            return TurnResult.Reply(new MessageView(context.Texts["join.revoke.none"]));
        }

        var texts = context.Texts;
        var partners = await database.ListPartnersAsync(scope.Alliance.Id, context.CancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(scope.Alliance.TimeZone);
        var buttons = open.Take(10).Select(c => (ViewAction)new SubmitAction(
            texts.Format("join.revoke.choice", partners.FirstOrDefault(p => p.Id == c.PartnerId)?.Name ?? "?",
                texts[c.Role == MemberRole.Manager ? "join.code.role.manager" : "join.code.role.member"], texts.DateTime(c.ExpiresAt, zone)),
            RevokeVerb,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [AllianceScopes.AllianceKey] = scope.Alliance.Id.ToString(),
                [CodeKey] = c.Id.ToString(),
                [DialogVerbs.LanguageKey] = texts.Language.Code(),
            },
            ActionStyle.Destructive)).ToList();
        return TurnResult.Reply(new CardView(CardKind.Choice, texts["join.revoke.title"], [new Paragraph(texts["join.revoke.body"])], buttons, texts["join.revoke.title"]));
    }

    private async Task<TurnResult> RevokeClickedAsync(DialogContext context, AllianceScope scope)
    {
        // The id must be one of this alliance's own codes: a card cannot be edited to revoke another alliance's code.
        var open = await OpenCodesAsync(scope.Alliance.Id, context.CancellationToken);
        return Guid.TryParse(context.Value(CodeKey), out var id) && open.Any(c => c.Id == id)
            ? await RevokeAsync(context, scope, id, replace: true)
            : TurnResult.Reply(new MessageView(context.Texts["join.revoke.gone"]));
    }

    private async Task<TurnResult> RevokeAsync(DialogContext context, AllianceScope scope, Guid codeId, bool replace)
    {
        var now = time.GetUtcNow();
        await database.RevokeJoinCodeAsync(codeId, now, context.CancellationToken);
        await database.RecordAuditAsync(new AuditEntry(scope.Alliance.Id, scope.Member.ContactId, RevokedAction,
            new JsonObject { ["code"] = codeId.ToString() }.ToJsonString(), now), context.CancellationToken);
        var done = AllianceCards.Done(context.Texts, context.Texts["join.revokedone.title"], context.Texts["join.revokedone.body"]);
        return replace ? new TurnResult([], done) : TurnResult.Reply(done);
    }

    private Task<IReadOnlyList<OpenJoinCode>> OpenCodesAsync(Guid allianceId, CancellationToken ct) =>
        database.ListOpenJoinCodesAsync(allianceId, time.GetUtcNow(), ct);

    private async Task<TurnResult> JoinAsync(DialogContext context)
    {
        var texts = context.Texts;
        var ct = context.CancellationToken;
        var typed = context.Arguments.Text(Arg.Code) ?? context.Arguments.Problems.FirstOrDefault(p => p.Name == Arg.Code)?.Raw;
        if (string.IsNullOrWhiteSpace(typed))
        {
            return TurnResult.Reply(new MessageView(texts["join.missing"]));
        }

        var now = time.GetUtcNow();
        var windowStart = now - settings.FailureWindow;
        if (await database.CountFailedJoinAttemptsAsync(context.Identity, windowStart, ct) >= settings.MaxFailedAttempts)
        {
            return TurnResult.Reply(Locked(texts));
        }

        var redemption = await database.RedeemJoinCodeAsync(hasher, typed, now, ct);
        if (redemption.Status != JoinCodeStatus.Valid)
        {
            var failures = await database.RecordFailedJoinAttemptAsync(context.Identity, now, windowStart, ct);
            var answer = new MessageView(texts[$"join.{redemption.Status.ToString().ToLowerInvariant()}"]);
            return failures >= settings.MaxFailedAttempts ? TurnResult.Reply(answer, Locked(texts)) : TurnResult.Reply(answer);
        }

        var allianceId = redemption.AllianceId!.Value;
        var partnerId = redemption.PartnerId!.Value;
        var contact = await directory.RecordAsync(context.Turn, ct);
        var alliance = await database.GetAllianceAsync(allianceId, ct);
        var partner = (await database.ListPartnersAsync(allianceId, ct)).FirstOrDefault(p => p.Id == partnerId);
        if (alliance is null || partner is null)
        {
            return TurnResult.Reply(new MessageView(texts["join.unknown"]));
        }

        if (await database.FindMembershipAsync(allianceId, context.Identity, ct) is not null)
        {
            return TurnResult.Reply(new MessageView(texts.Format("join.already", alliance.Name)));
        }

        // A manager code makes its first redeemer the partner's manager; once the side has one, the rest join as members.
        var role = redemption.Role == MemberRole.Manager && await scopes.CountManagersAsync(allianceId, partnerId, ct) == 0
            ? MemberRole.Manager
            : MemberRole.Member;
        var member = await database.AddMemberAsync(new NewMember(allianceId, partnerId, contact.Id, role), now, ct);
        await database.RecordAuditAsync(new AuditEntry(allianceId, contact.Id, "member.joined", null, now, member.Id), ct);
        return TurnResult.Reply(Welcome(texts, alliance, partner.Name, role));
    }

    private CardView Locked(Texts texts) =>
        new(CardKind.Error, texts["join.locked.title"],
            [new Paragraph(texts.Format("join.locked.body", settings.MaxFailedAttempts, (int)settings.FailureWindow.TotalMinutes))],
            [IntentButtons.For(Intent.Help, texts)], texts["join.locked.title"]);

    private static CardView Welcome(Texts texts, Alliance alliance, string partnerName, MemberRole role)
    {
        var title = texts.Format("join.welcome.title", alliance.Name);
        var body = new List<Block>
        {
            new Paragraph(texts.Format("join.welcome.body", alliance.Name, partnerName)),
            new FactList(
            [
                new Fact(texts["alliance.fact.organisation"], partnerName),
                new Fact(texts["join.welcome.role"], texts[role == MemberRole.Manager ? "join.role.manager" : "join.role.member"]),
                new Fact(texts["alliance.fact.phase"], AllianceCards.PhaseName(texts, alliance.Phase)),
            ]),
            new Paragraph(texts["join.welcome.privacy"], Tone.Subtle),
        };
        if (role == MemberRole.Manager)
        {
            body.Add(new Paragraph(texts.Format("join.welcome.manager", partnerName), Tone.Accent));
        }

        return new CardView(CardKind.Welcome, title, body,
            [IntentButtons.For(Intent.WhereAreWe, texts, ActionStyle.Positive), IntentButtons.For(Intent.MyData, texts), IntentButtons.For(Intent.Help, texts)],
            title);
    }
}
