using AllianceBot.Data.Alliances;
using AllianceBot.Data.Audit;
using AllianceBot.Data.Commitments;
using AllianceBot.Data.Members;
using AllianceBot.Data.Privacy;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Alliances;
using AllianceBot.Dialogs.Commitments;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Members;

/// <summary>
/// What every member does for themselves: reminders on/off, language, leave, "my data" and "forget me". Settings are
/// per membership (SetPreferencesAsync); the language is set on every membership so the bot speaks it everywhere.
/// </summary>
public sealed class MemberSelfServiceDialog(Database database, IContactStore contacts, AllianceScopes scopes, TextCatalog catalog, TimeProvider time) : IDialog
{
    public const string LeaveVerb = "member.leave.confirm";
    public const string ForgetVerb = "member.forget.confirm";

    public void Register(DialogRoutes routes) => routes
        .OnIntent(Intent.StopReminders, Operation.OwnSettings, (c, scope) => RemindersAsync(c, scope, false))
        .OnIntent(Intent.StartReminders, Operation.OwnSettings, (c, scope) => RemindersAsync(c, scope, true))
        .OnOpenIntent(Intent.Language, LanguageAsync)
        .OnIntent(Intent.Leave, Operation.Leave, (c, scope) => Task.FromResult(Leave(c, scope)))
        .OnVerb(LeaveVerb, Audience.Personal, Operation.Leave, Intent.Leave, LeaveConfirmedAsync, CardGuard.MeantForClicker)
        .OnOpenIntent(Intent.ForgetMe, ForgetAsync)
        .OnOpenVerb(ForgetVerb, Audience.Personal, ForgetConfirmedAsync)
        .OnOpenIntent(Intent.MyData, MyDataAsync);

    private async Task<TurnResult> RemindersAsync(DialogContext context, AllianceScope scope, bool on)
    {
        var member = scope.Member;
        await database.SetPreferencesAsync(member.Id, new MemberPreferences(on, member.LanguageOverride), context.CancellationToken);
        return TurnResult.Reply(new MessageView(context.Texts.Format(on ? "member.reminders.on" : "member.reminders.off", scope.Alliance.Name)));
    }

    private async Task<TurnResult> LanguageAsync(DialogContext context)
    {
        var texts = context.Texts;
        if (context.Arguments.Language(Arg.Language) is not { } language)
        {
            return TurnResult.Reply(new MessageView(texts.Format("member.language.ask", texts[$"alliance.language.{texts.Language.Code()}"])));
        }

        var mine = await database.ListMyAlliancesAsync(context.Identity, context.CancellationToken);
        var chosen = catalog.For(language);
        if (mine.Count == 0)
        {
            return TurnResult.Reply(new MessageView(chosen["member.language.nomember"]));
        }

        foreach (var alliance in mine)
        {
            var member = await database.GetMemberAsync(alliance.MemberId, context.CancellationToken);
            if (member is not null && AccessPolicy.Decide(Actor.Of(member), Operation.OwnSettings).Allowed)
            {
                await database.SetPreferencesAsync(member.Id, new MemberPreferences(member.RemindersEnabled, language.Code()), context.CancellationToken);
            }
        }

        return TurnResult.Reply(new MessageView(chosen["member.language.set"]));
    }

    private static TurnResult Leave(DialogContext context, AllianceScope scope)
    {
        var texts = context.Texts;
        return TurnResult.Reply(AllianceCards.Confirm(texts, texts.Format("member.leave.title", scope.Alliance.Name),
            [new Paragraph(texts.Format("member.leave.body", scope.Alliance.Name))],
            texts["member.leave.button"], LeaveVerb, Guarded(context, scope.Alliance.Id)));
    }

    private async Task<TurnResult> LeaveConfirmedAsync(DialogContext context, AllianceScope scope)
    {
        var now = time.GetUtcNow();
        await database.RemoveMemberAsync(scope.Member.Id, now, context.CancellationToken);
        await database.RecordAuditAsync(new AuditEntry(scope.Alliance.Id, scope.Member.ContactId, "member.left", null, now, scope.Member.Id), context.CancellationToken);
        var texts = context.Texts;
        return new TurnResult([], AllianceCards.Done(texts, texts["member.left.title"], texts.Format("member.left.body", scope.Alliance.Name)));
    }

    /// <summary>
    /// Forgetting is about the person, not one alliance: anyone may erase themselves, always (so no alliance scope);
    /// the confirmation card only works for the person it was shown to.
    /// </summary>
    private async Task<TurnResult> ForgetAsync(DialogContext context)
    {
        var texts = context.Texts;
        var mine = await database.ListMyAlliancesAsync(context.Identity, context.CancellationToken);
        var body = new List<Block>
        {
            new Paragraph(texts["member.forget.body"]),
            new BulletList(texts["member.forget.what"], [texts["member.forget.what.1"], texts["member.forget.what.2"], texts["member.forget.what.3"]]),
            new Paragraph(texts["member.forget.aggregates"], Tone.Subtle),
        };
        foreach (var alliance in mine.Where(a => a.Role == MemberRole.Manager))
        {
            if (await scopes.CountManagersAsync(alliance.AllianceId, alliance.PartnerId, context.CancellationToken) <= 1)
            {
                body.Add(new Paragraph(texts.Format("member.forget.lastmanager", alliance.PartnerName, alliance.AllianceName), Tone.Warning));
            }
        }

        return TurnResult.Reply(AllianceCards.Confirm(texts, texts["member.forget.title"], body, texts["member.forget.button"], ForgetVerb, Guarded(context, null)));
    }

    private async Task<TurnResult> ForgetConfirmedAsync(DialogContext context)
    {
        if (!CardGuard.IsFor(context.Identity, context.Value(CardGuard.ForKey)))
        {
            return TurnResult.Reply(new MessageView(context.Texts["alliance.confirm.notyours"]));
        }

        var report = await database.ForgetMemberAsync(context.Identity, context.CancellationToken);
        var texts = context.Texts;
        return new TurnResult([], AllianceCards.Done(texts, texts["member.forgotten.title"],
            texts.Format("member.forgotten.body", report.Memberships, report.Answers, report.Comments)));
    }

    /// <summary>
    /// Everything stored about the person: contact details, memberships with role and partner, preferences and how
    /// many answers they gave. Not the answers themselves per round: a list of "round 4: 2, 3" next to round results
    /// the person can also see would invite working out who else answered what in small slices.
    /// </summary>
    private async Task<TurnResult> MyDataAsync(DialogContext context)
    {
        var texts = context.Texts;
        var ct = context.CancellationToken;
        var contact = await contacts.FindAsync(context.Identity, ct);
        if (contact is null)
        {
            return TurnResult.Reply(new MessageView(texts["member.mydata.nothing"]));
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(contact.TimeZone is { } tz && TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _) ? tz : "UTC");
        var none = texts["member.mydata.none"];
        var body = new List<Block>
        {
            new Paragraph(texts["member.mydata.intro"]),
            new Heading(texts["member.mydata.identity"]),
            new FactList(
            [
                new Fact(texts["member.mydata.channel"], contact.Identity.Channel),
                new Fact(texts["member.mydata.tenant"], contact.Identity.TenantId),
                new Fact(texts["member.mydata.user"], contact.Identity.UserId),
                new Fact(texts["member.mydata.name"], contact.DisplayName ?? none),
                new Fact(texts["member.mydata.locale"], contact.Locale ?? none),
                new Fact(texts["member.mydata.timezone"], contact.TimeZone ?? none),
                new Fact(texts["member.mydata.chat"], texts[contact.Reference.ConversationId is null ? "member.mydata.no" : "member.mydata.yes"]),
                new Fact(texts["member.mydata.reachable"], texts[contact.Reachable ? "member.mydata.yes" : "member.mydata.no"]),
                new Fact(texts["member.mydata.lastseen"], texts.DateTime(contact.LastSeenAt, zone)),
            ]),
        };
        foreach (var alliance in await database.ListMyAlliancesAsync(context.Identity, ct))
        {
            var member = await database.GetMemberAsync(alliance.MemberId, ct);
            var answers = await CountAnswersAsync(alliance.AllianceId, alliance.MemberId, ct);
            body.Add(new Heading(alliance.AllianceName));
            body.Add(new FactList(
            [
                new Fact(texts["alliance.fact.organisation"], alliance.PartnerName),
                new Fact(texts["join.welcome.role"], texts[alliance.Role == MemberRole.Manager ? "join.role.manager" : "join.role.member"]),
                new Fact(texts["member.mydata.joined"], member is null ? none : texts.DateTime(member.JoinedAt, zone)),
                new Fact(texts["member.mydata.reminders"], texts[member?.RemindersEnabled == false ? "member.mydata.off" : "member.mydata.on"]),
                new Fact(texts["member.mydata.language"], member?.LanguageOverride is { } code ? texts[$"alliance.language.{Languages.FromLocale(code).Code()}"] : texts["member.mydata.languagechannel"]),
                new Fact(texts["member.mydata.answers"], texts.Format("member.mydata.answercount", answers.Answers, answers.Rounds)),
                new Fact(texts["member.mydata.dontknow"], texts.Integer(answers.DontKnows)),
            ]));
            if (await MyCommitmentsAsync(alliance.AllianceId, alliance.MemberId, texts, ct) is { Count: > 0 } commitments)
            {
                body.Add(new BulletList(texts["member.mydata.commitments"], commitments));
            }
        }

        body.Add(new Paragraph(texts["member.mydata.outro"], Tone.Subtle));
        return TurnResult.Reply(new CardView(CardKind.Info, texts["member.mydata.title"], body,
            [IntentButtons.For(Intent.StopReminders, texts), IntentButtons.For(Intent.ForgetMe, texts, ActionStyle.Destructive)], texts["member.mydata.title"]));
    }

    /// <summary>The commitments the person owns or made in one alliance (issue 17): stored with their member id, so theirs to see.</summary>
    private async Task<IReadOnlyList<string>> MyCommitmentsAsync(Guid allianceId, Guid memberId, Texts texts, CancellationToken ct) =>
        [.. (await database.ListCommitmentsAsync(allianceId, ct))
            .Where(c => c.OwnerMemberId == memberId || c.MadeByMemberId == memberId)
            .Select(c => texts.Format("member.mydata.commitment", c.Number,
                AdviceCatalog.Default.Find(c.AdviceId)?.Text.In(texts.Language) ?? c.AdviceId,
                c.OwnerMemberId == memberId ? texts["member.mydata.commitment.owner"] : texts.Format("member.mydata.commitment.madefor", CommitmentCards.Owner(c, texts)),
                texts.Format($"commitments.state.{c.Status.ToString().ToLowerInvariant()}", c.DueRound)))];

    private async Task<(int Answers, int Rounds, int DontKnows)> CountAnswersAsync(Guid allianceId, Guid memberId, CancellationToken ct)
    {
        var rounds = (await database.ListClosedRoundsAsync(allianceId, 1000, ct)).ToList();
        if (await database.GetOpenRoundAsync(allianceId, ct) is { } open)
        {
            rounds.Add(open);
        }

        int answers = 0, answered = 0, dontKnows = 0;
        foreach (var round in rounds)
        {
            var mine = await database.GetMyAnswersAsync(round.Id, memberId, ct);
            answers += mine.Answers.Count;
            answered += mine.Answers.Count > 0 ? 1 : 0;
            dontKnows += mine.Answers.Values.Count(v => v == AnswerValue.DontKnow);
        }

        return (answers, answered, dontKnows);
    }

    private static Dictionary<string, string> Guarded(DialogContext context, Guid? allianceId)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CardGuard.ForKey] = CardGuard.Fingerprint(context.Identity),
            [DialogVerbs.LanguageKey] = context.Texts.Language.Code(),
        };
        if (allianceId is { } id)
        {
            data[AllianceScopes.AllianceKey] = id.ToString();
        }

        return data;
    }
}
