using AllianceBot.Data.Alliances;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Alliances;

/// <summary>Cards shared by the alliance dialogs.</summary>
public static class AllianceCards
{
    public static CardView Created(Texts texts, CreatedAlliance created, DateTimeOffset? firstRound, bool scheduled)
    {
        var alliance = created.Alliance;
        var own = created.Partners[0];
        var others = created.Partners.Skip(1).ToList();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(alliance.TimeZone);
        var round = firstRound is { } at ? texts.DateTime(at, zone) : texts[scheduled ? "alliance.created.noround" : "alliance.created.noscheduler"];
        var body = new List<Block>
        {
            new Paragraph(texts.Format("alliance.created.body", alliance.Name, own.Name)),
            new FactList(
            [
                new Fact(texts["alliance.fact.organisation"], own.Name),
                new Fact(texts["alliance.fact.partners"], CreateAllianceDialog.Partners(texts, others.Select(p => p.Name).ToList())),
                new Fact(texts["alliance.fact.phase"], PhaseName(texts, alliance.Phase)),
                new Fact(texts["alliance.fact.timezone"], alliance.TimeZone),
                new Fact(texts["alliance.fact.language"], texts[$"alliance.language.{Languages.FromLocale(alliance.Locale).Code()}"]),
                new Fact(texts["alliance.fact.firstround"], round),
            ]),
            new Paragraph(texts["alliance.created.next"], Tone.Accent),
        };
        var actions = others.Take(3).Select(p => (ViewAction)InviteButton(texts, p.Name)).ToList();
        actions.Add(InviteButton(texts, own.Name));
        return new CardView(CardKind.Info, texts.Format("alliance.created.title", alliance.Name), body, actions, texts.Format("alliance.created.title", alliance.Name));
    }

    /// <summary>"Invite Globex": runs the invite intent for that organisation, as if typed.</summary>
    public static SubmitAction InviteButton(Texts texts, string organisation)
    {
        var definition = IntentTable.Get(Intent.Invite);
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DialogVerbs.IntentKey] = definition.Key,
            [DialogVerbs.LanguageKey] = texts.Language.Code(),
            [Arg.Organisation] = organisation,
        };
        return new SubmitAction(texts.Format("alliance.invite.button", organisation), DialogVerbs.RunIntent, data);
    }

    public static string PhaseName(Texts texts, Phase phase)
    {
        var profile = phase.Profile();
        return $"{profile.Number}. {profile.Name.In(texts.Language)}";
    }

    /// <summary>A plain confirmation ("Done: …") as a small card, so it can carry a follow-up button.</summary>
    public static CardView Done(Texts texts, string title, string body, params ViewAction[] actions) =>
        new(CardKind.Info, title, [new Paragraph(body)], actions, title);

    /// <summary>A confirmation card with a destructive button bound to the alliance, the viewer and the target.</summary>
    public static CardView Confirm(Texts texts, string title, IReadOnlyList<Block> body, string buttonTitle, string verb,
        IReadOnlyDictionary<string, string> data) =>
        new(CardKind.Confirm, title, body,
        [
            new SubmitAction(buttonTitle, verb, data, ActionStyle.Destructive),
            new SubmitAction(texts["alliance.confirm.keep"], ConfirmVerbs.Dismiss, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [DialogVerbs.LanguageKey] = texts.Language.Code(),
            }),
        ],
        title);
}

/// <summary>Verbs of the confirmation cards, and the data keys they carry.</summary>
public static class ConfirmVerbs
{
    public const string Dismiss = "alliance.confirm.dismiss";
    public const string MemberKey = "member";
}
