using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Tests.Cards;

/// <summary>
/// One realistic view per <see cref="CardKind"/> in English and Dutch, shaped like what the dialogs will produce.
/// Used to validate the renderer with Microsoft's parser and to draw docs/cards/*.png.
/// </summary>
public static class SampleViews
{
    public const string ChartBase = "http://127.0.0.1:3978/charts/demo-alliance/2025-06";

    public static IEnumerable<(CardKind Kind, Language Language, CardView View)> All() =>
        from kind in Enum.GetValues<CardKind>()
        from language in Languages.Supported
        select (kind, language, For(kind, language));

    public static CardView For(CardKind kind, Language language)
    {
        var nl = language == Language.Nl;
        string T(string en, string dutch) => nl ? dutch : en;
        var ids = new Dictionary<string, string> { ["alliance"] = "demo-alliance", ["round"] = "2025-06" };

        return kind switch
        {
            CardKind.Help => new CardView(kind, T("What I can do", "Wat ik kan"),
                [
                    new Paragraph(T("I keep your alliance healthy with a short monthly pulse on trust.",
                        "Ik houd je alliantie gezond met een korte maandelijkse pulse over vertrouwen.")),
                    new FactList([
                        new Fact(T("where are we?", "waar staan we?"), T("The health check: phase, balance, trend, do's and don'ts.", "De gezondheidscheck: fase, balans, trend, do's en don'ts.")),
                        new Fact(T("drift", "verloop"), T("Calculative and relational trust over time (managers).", "Calculatief en relationeel vertrouwen in de tijd (managers).")),
                        new Fact(T("pulse now", "pulse nu"), T("Open a round now (managers).", "Nu een ronde openen (managers).")),
                        new Fact(T("language nl", "taal en"), T("Switch to Dutch.", "Overschakelen naar Engels.")),
                    ]),
                ],
                [new SubmitAction(T("Where are we?", "Waar staan we?"), "healthcheck.show", ids, ActionStyle.Positive)],
                T("What I can do", "Wat ik kan")),

            CardKind.Welcome => new CardView(kind, T("Welcome to AllianceBot", "Welkom bij AllianceBot"),
                [
                    new Paragraph(T("Alliances live or die on trust. Once a month I ask you a few quick questions; the answers stay anonymous and only show up as totals.",
                        "Allianties staan of vallen met vertrouwen. Eens per maand stel ik je een paar korte vragen; de antwoorden blijven anoniem en zijn alleen als totaal zichtbaar.")),
                    new Divider(),
                    new Paragraph(T("Have a join code from your alliance manager? Enter it below.", "Heb je een koppelcode van je alliantiemanager? Vul die hieronder in."), Tone.Subtle),
                    new TextInput("joinCode", T("Join code", "Koppelcode"), Placeholder: "ABCD-1234", MaxLength: 20),
                ],
                [
                    new SubmitAction(T("Join", "Aanmelden"), "alliance.join", new Dictionary<string, string>(), ActionStyle.Positive, SubmitsInputs: true),
                    new OpenUrlAction(T("About the NAV model", "Over het NAV-model"), "https://example.org/nav-model"),
                ],
                T("Welcome to AllianceBot", "Welkom bij AllianceBot")) { Subtitle = T("Trust in your alliance, measured monthly", "Vertrouwen in je alliantie, maandelijks gemeten") },

            CardKind.Pulse => Pulse(language, ids),

            CardKind.ThankYou => new CardView(kind, T("Thanks, your answers are in", "Bedankt, je antwoorden zijn binnen"),
                [
                    new FactList([
                        new Fact(T("Agreements are clear", "Afspraken zijn helder"), T("4 – agree", "4 – eens")),
                        new Fact(T("They keep their promises", "Zij komen beloftes na"), T("3 – neutral", "3 – neutraal")),
                        new Fact(T("We share bad news early", "We delen slecht nieuws vroeg"), T("5 – strongly agree", "5 – helemaal eens")),
                    ]),
                    new Paragraph(T("You can change your answers until the round closes on 17 June.", "Je kunt je antwoorden wijzigen tot de ronde op 17 juni sluit."), Tone.Subtle),
                ],
                [new SubmitAction(T("Change my answers", "Antwoorden wijzigen"), "pulse.edit", ids)],
                T("Thanks, your answers are in", "Bedankt, je antwoorden zijn binnen")),

            CardKind.HealthCheck => HealthCheck(language, ids),

            CardKind.Drift => new CardView(kind, T("Drift: calculative vs relational", "Verloop: calculatief vs relationeel"),
                [
                    new Paragraph(T("The gap between the two kinds of trust has grown for three rounds.", "Het verschil tussen de twee soorten vertrouwen groeit al drie rondes."), Tone.Warning),
                    TrendChart(language, withImage: false),
                    new TableBlock(
                        [T("Round", "Ronde"), T("Calculative", "Calculatief"), T("Relational", "Relationeel"), T("Gap", "Verschil")],
                        [
                            [nl ? "jan" : "Jan", nl ? "3,9" : "3.9", nl ? "4,2" : "4.2", nl ? "+0,3" : "+0.3"],
                            [nl ? "feb" : "Feb", nl ? "3,7" : "3.7", nl ? "4,3" : "4.3", nl ? "+0,6" : "+0.6"],
                            [nl ? "mrt" : "Mar", nl ? "3,4" : "3.4", nl ? "4,3" : "4.3", nl ? "+0,9" : "+0.9"],
                            [nl ? "apr" : "Apr", nl ? "3,2" : "3.2", nl ? "4,4" : "4.4", nl ? "+1,2" : "+1.2"],
                        ]),
                ],
                [new SubmitAction(T("Health check", "Gezondheidscheck"), "healthcheck.show", ids)],
                T("Drift: the gap grew to 1.2", "Verloop: het verschil groeide tot 1,2")) { Subtitle = "Acme – Globex" },

            CardKind.Alert => new CardView(kind, T("Alert: relational trust dropped", "Let op: relationeel vertrouwen gedaald"),
                [
                    new Paragraph(T("Relational trust fell from 4.1 to 3.4 this round (p = 0.004, 23 answers). In the execution phase this is the side that carries the alliance.",
                        "Relationeel vertrouwen daalde deze ronde van 4,1 naar 3,4 (p = 0,004, 23 antwoorden). In de uitvoerfase draagt juist deze kant de alliantie."), Tone.Attention),
                    new FactList([
                        new Fact(T("Relational", "Relationeel"), nl ? "3,4 (was 4,1)" : "3.4 (was 4.1)"),
                        new Fact(T("Calculative", "Calculatief"), nl ? "3,9 (stabiel)" : "3.9 (steady)"),
                        new Fact(T("Phase", "Fase"), T("3 – Execution and closure", "3 – Uitvoer en afsluiting")),
                    ]),
                    new BulletList(T("Do", "Doen"), [T("Talk about it face to face, this week.", "Bespreek het deze week persoonlijk."), T("Ask what changed on the other side.", "Vraag wat er aan de andere kant veranderde.")], Tone.Good),
                    new BulletList(T("Don't", "Niet doen"), [T("Answer with extra controls or contract clauses.", "Reageren met extra controles of contractclausules.")], Tone.Attention),
                ],
                [new SubmitAction(T("Health check", "Gezondheidscheck"), "healthcheck.show", ids, ActionStyle.Positive), new SubmitAction(T("Drift", "Verloop"), "drift.show", ids)],
                T("Relational trust dropped to 3.4", "Relationeel vertrouwen gedaald naar 3,4")),

            CardKind.RoundClosed => new CardView(kind, T("Round closed: June", "Ronde gesloten: juni"),
                [
                    new FactList([
                        new Fact(T("Answers", "Antwoorden"), T("23 of 31 members (74%)", "23 van 31 leden (74%)")),
                        new Fact(T("Calculative", "Calculatief"), nl ? "3,9" : "3.9"),
                        new Fact(T("Relational", "Relationeel"), nl ? "4,2" : "4.2"),
                    ]),
                    new Paragraph(T("Nothing alarming this round.", "Niets alarmerends deze ronde."), Tone.Good),
                ],
                [new SubmitAction(T("Health check", "Gezondheidscheck"), "healthcheck.show", ids)],
                T("Round closed: June", "Ronde gesloten: juni")),

            CardKind.Error => new CardView(kind, T("That did not work", "Dat lukte niet"),
                [new Paragraph(T("This round has closed, so your answers were not stored. The next pulse comes on 1 July.", "Deze ronde is gesloten, dus je antwoorden zijn niet opgeslagen. De volgende pulse komt op 1 juli."))],
                [], T("This round has closed", "Deze ronde is gesloten")),

            CardKind.Choice => new CardView(kind, T("Which alliance?", "Welke alliantie?"),
                [
                    new Paragraph(T("You are a member of several alliances. Which one do you mean?", "Je bent lid van meerdere allianties. Welke bedoel je?")),
                    new ChoiceInput("alliance", T("Alliance", "Alliantie"), [new Choice("Acme – Globex", "a1"), new Choice("Acme – Initech", "a2"), new Choice("Acme – Umbrella", "a3")], Required: true,
                        ErrorMessage: T("Pick an alliance.", "Kies een alliantie.")),
                ],
                [new SubmitAction(T("Continue", "Verder"), "alliance.pick", new Dictionary<string, string> { ["then"] = "healthcheck.show" }, ActionStyle.Positive, SubmitsInputs: true)],
                T("Which alliance?", "Welke alliantie?")),

            CardKind.Info => new CardView(kind, T("Reminders off", "Herinneringen uit"),
                [new Paragraph(T("You will not get reminders any more. The monthly pulse itself still comes.", "Je krijgt geen herinneringen meer. De maandelijkse pulse zelf komt nog wel."))],
                [], T("Reminders off", "Herinneringen uit")),

            CardKind.Confirm => new CardView(kind, T("Change the phase?", "Fase wijzigen?"),
                [
                    new Paragraph(T("Move Acme – Globex from phase 2 (Confirmation) to phase 3 (Execution and closure)? Baselines for alerts start again.",
                        "Acme – Globex van fase 2 (Bevestiging) naar fase 3 (Uitvoer en afsluiting) zetten? De basislijnen voor meldingen beginnen opnieuw.")),
                ],
                [
                    new SubmitAction(T("Yes, change it", "Ja, wijzigen"), "phase.confirm", new Dictionary<string, string>(ids) { ["phase"] = "3" }, ActionStyle.Positive),
                    new SubmitAction(T("Cancel", "Annuleren"), "phase.cancel", ids, ActionStyle.Destructive),
                ],
                T("Change the phase?", "Fase wijzigen?")),

            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static CardView Pulse(Language language, IReadOnlyDictionary<string, string> ids)
    {
        var nl = language == Language.Nl;
        string T(string en, string dutch) => nl ? dutch : en;
        IReadOnlyList<Choice> scale =
        [
            new(T("1 – strongly disagree", "1 – helemaal oneens"), "1"),
            new(T("2 – disagree", "2 – oneens"), "2"),
            new(T("3 – neutral", "3 – neutraal"), "3"),
            new(T("4 – agree", "4 – eens"), "4"),
            new(T("5 – strongly agree", "5 – helemaal eens"), "5"),
        ];
        var required = T("Pick a value from 1 to 5.", "Kies een waarde van 1 tot 5.");
        return new CardView(CardKind.Pulse, T("Monthly pulse: Acme – Globex", "Maandelijkse pulse: Acme – Globex"),
            [
                new Paragraph(T("Three quick questions, under 30 seconds. Answers are anonymous.", "Drie korte vragen, binnen 30 seconden. Antwoorden zijn anoniem."), Tone.Subtle),
                new ChoiceInput("cal-agreements", T("Our agreements with the partner are clear and written down.", "Onze afspraken met de partner zijn helder en vastgelegd."), scale, Required: true, ErrorMessage: required),
                new ChoiceInput("rel-promises", T("The partner does what they promise.", "De partner doet wat hij belooft."), scale, Value: "4", Required: true, ErrorMessage: required),
                new ChoiceInput("rel-openness", T("We can share bad news with the partner early.", "We kunnen slecht nieuws vroeg met de partner delen."), scale, Required: true, ErrorMessage: required),
                new TextInput("comment", T("Anything to add? (optional)", "Nog iets toe te voegen? (optioneel)"), T("Shown only as part of a group of at least 10 comments.", "Alleen zichtbaar binnen een groep van minstens 10 opmerkingen."), Multiline: true, MaxLength: 500),
            ],
            [new SubmitAction(T("Send", "Versturen"), "pulse.submit", ids, ActionStyle.Positive, SubmitsInputs: true)],
            T("Monthly pulse: 3 quick questions", "Maandelijkse pulse: 3 korte vragen"))
        { Subtitle = T("June round · closes 17 June", "Ronde juni · sluit 17 juni") };
    }

    private static LineChartBlock TrendChart(Language language, bool withImage)
    {
        var nl = language == Language.Nl;
        string[] months = nl ? ["jan", "feb", "mrt", "apr", "mei", "jun"] : ["Jan", "Feb", "Mar", "Apr", "May", "Jun"];
        return new LineChartBlock(
            nl ? "Trend van de ankers (1–5)" : "Trend of the anchors (1–5)",
            months,
            [
                new ChartSeries(nl ? "Calculatief" : "Calculative", [3.9, 3.7, 3.4, 3.2, null, 3.3], Tone.Accent),
                new ChartSeries(nl ? "Relationeel" : "Relational", [4.2, 4.3, 4.3, 4.4, null, 4.2], Tone.Good),
            ],
            withImage ? $"{ChartBase}/trend.{language.Code()}.png?exp=1767225600&sig=sample" : null,
            nl ? "Lijngrafiek: calculatief daalt van 3,9 naar 3,3, relationeel blijft rond 4,3." : "Line chart: calculative falls from 3.9 to 3.3, relational stays around 4.3.");
    }

    private static CardView HealthCheck(Language language, IReadOnlyDictionary<string, string> ids)
    {
        var nl = language == Language.Nl;
        string T(string en, string dutch) => nl ? dutch : en;
        return new CardView(CardKind.HealthCheck, T("Where are we in the model?", "Waar staan we in het model?"),
            [
                new Heading(T("A. Where are we", "A. Waar staan we")),
                new FactList([
                    new Fact(T("Phase", "Fase"), T("2 – Confirmation: agreements go on paper", "2 – Bevestiging: afspraken gaan op papier")),
                    new Fact(T("Calculative", "Calculatief"), nl ? "3,3 (fase vraagt ≥ relationeel)" : "3.3 (phase needs ≥ relational)"),
                    new Fact(T("Relational", "Relationeel"), nl ? "4,2" : "4.2"),
                    new Fact(T("Balance", "Balans"), nl ? "+0,9 relationeel" : "+0.9 relational"),
                    new Fact(T("Based on", "Gebaseerd op"), T("23 answers, June round", "23 antwoorden, ronde juni")),
                ]),
                new Paragraph(T("Calculative side lagging for a confirmation-phase alliance: the pattern that forced Dell and Getronics to start over.",
                    "De calculatieve kant blijft achter in de bevestigingsfase: het patroon waardoor Dell en Getronics opnieuw moesten beginnen."), Tone.Attention),
                new ImageBlock($"{ChartBase}/nav.{language.Code()}.png?exp=1767225600&sig=sample",
                    T("The NAV model: your alliance sits above the dotted line in phase 2, where the intended course runs at or below it.",
                      "Het NAV-model: jullie alliantie zit in fase 2 boven de stippellijn, waar de bedoelde koers erop of eronder loopt.")),
                TrendChart(language, withImage: true),
                new TableBlock(
                    [T("Partner", "Partner"), T("Calculative", "Calculatief"), T("Relational", "Relationeel")],
                    [["Acme", nl ? "3,5" : "3.5", nl ? "4,1" : "4.1"], ["Globex", nl ? "3,1" : "3.1", nl ? "4,3" : "4.3"]]),
                new Paragraph(T("Fewer than 5 answers from Initech this round, so their view is not shown.", "Minder dan 5 antwoorden van Initech deze ronde, dus hun beeld wordt niet getoond."), Tone.Subtle),
                new Divider(),
                new Heading(T("B. What moves us right", "B. Wat brengt ons verder naar rechts")),
                new BulletList(T("Do", "Doen"),
                [
                    T("Put the revenue split and the escalation route on paper now.", "Leg de verdeling van de opbrengst en de escalatieroute nu vast."),
                    T("Agree what happens when one side is unhappy with the other's effort.", "Spreek af wat er gebeurt als één kant ontevreden is over de inzet van de ander."),
                ], Tone.Good),
                new BulletList(T("Don't", "Niet doen"),
                [
                    T("Postpone the contract talk because the relationship feels good.", "Het contractgesprek uitstellen omdat de relatie goed voelt."),
                ], Tone.Attention),
                new Paragraph(T("Not ready for phase 3 yet: calculative trust must first reach the relational level.", "Nog niet klaar voor fase 3: calculatief vertrouwen moet eerst het relationele niveau halen."), Tone.Subtle),
            ],
            [
                new SubmitAction(T("Show drift", "Toon verloop"), "drift.show", ids),
                new OpenUrlAction(T("The NAV model", "Het NAV-model"), "https://example.org/nav-model"),
            ],
            T("Health check: calculative side lagging in phase 2", "Gezondheidscheck: calculatieve kant blijft achter in fase 2"))
        { Subtitle = "Acme – Globex" };
    }
}
