using System.Globalization;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Bot.Tests.Cards;

/// <summary>
/// One realistic view per <see cref="CardKind"/> in every language, shaped like what the dialogs will produce and
/// written by hand in each language (<see cref="Text"/> refuses a language without its own sample text, so a new
/// language fails here until its samples are written). Used to validate the renderer with Microsoft's parser and to
/// draw docs/cards/*.png.
/// </summary>
public static class SampleViews
{
    public const string ChartBase = "http://127.0.0.1:3978/charts/demo-alliance/2025-06";

    public static IEnumerable<(CardKind Kind, Language Language, CardView View)> All() =>
        from kind in Enum.GetValues<CardKind>()
        from language in Languages.Supported
        select (kind, language, For(kind, language));

    /// <summary>The sample text in <paramref name="language"/>: these samples are written in English, Dutch and German.</summary>
    public static string Text(Language language, string en, string nl, string de) => language.Code switch
    {
        "en" => en,
        "nl" => nl,
        "de" => de,
        var other => throw new NotSupportedException($"The renderer samples have no '{other}' text yet: add it to every T(...) in {nameof(SampleViews)}."),
    };

    /// <summary>A number as the language writes it (3.9, 3,9), with its sign when <paramref name="signed"/>.</summary>
    private static string Number(Language language, double value, bool signed = false) =>
        value.ToString(signed ? "+0.0;-0.0" : "0.0", CultureInfo.GetCultureInfo(language.Code));

    public static CardView For(CardKind kind, Language language)
    {
        string T(string en, string nl, string de) => Text(language, en, nl, de);
        string N(double value, bool signed = false) => Number(language, value, signed);
        var ids = new Dictionary<string, string> { ["alliance"] = "demo-alliance", ["round"] = "2025-06" };

        return kind switch
        {
            CardKind.Help => new CardView(kind, T("What I can do", "Wat ik kan", "Was ich kann"),
                [
                    new Paragraph(T("I keep your alliance healthy with a short monthly pulse on trust.",
                        "Ik houd je alliantie gezond met een korte maandelijkse pulse over vertrouwen.",
                        "Ich halte Ihre Allianz mit einem kurzen monatlichen Puls zum Vertrauen gesund.")),
                    new FactList([
                        new Fact(T("where are we?", "waar staan we?", "wo stehen wir?"),
                            T("The health check: phase, balance, trend, do's and don'ts.", "De gezondheidscheck: fase, balans, trend, do's en don'ts.", "Der Gesundheitscheck: Phase, Balance, Trend, Tun und Lassen.")),
                        new Fact(T("drift", "verloop", "verlauf"),
                            T("Calculative and relational trust over time (managers).", "Calculatief en relationeel vertrouwen in de tijd (managers).", "Kalkülbasiertes und relationales Vertrauen im Zeitverlauf (Manager).")),
                        new Fact(T("pulse now", "pulse nu", "puls jetzt"), T("Open a round now (managers).", "Nu een ronde openen (managers).", "Sofort eine Runde öffnen (Manager).")),
                        new Fact(T("language nl", "taal en", "sprache en"), T("Switch to Dutch.", "Overschakelen naar Engels.", "Auf Englisch umstellen.")),
                    ]),
                ],
                [new SubmitAction(T("Where are we?", "Waar staan we?", "Wo stehen wir?"), "healthcheck.show", ids, ActionStyle.Positive)],
                T("What I can do", "Wat ik kan", "Was ich kann")),

            CardKind.Welcome => new CardView(kind, T("Welcome to AllianceBot", "Welkom bij AllianceBot", "Willkommen bei AllianceBot"),
                [
                    new Paragraph(T("Alliances live or die on trust. Once a month I ask you a few quick questions; the answers stay anonymous and only show up as totals.",
                        "Allianties staan of vallen met vertrouwen. Eens per maand stel ik je een paar korte vragen; de antwoorden blijven anoniem en zijn alleen als totaal zichtbaar.",
                        "Allianzen stehen und fallen mit Vertrauen. Einmal im Monat stelle ich Ihnen ein paar kurze Fragen; die Antworten bleiben anonym und erscheinen nur als Gesamtwerte.")),
                    new Divider(),
                    new Paragraph(T("Have a join code from your alliance manager? Enter it below.", "Heb je een koppelcode van je alliantiemanager? Vul die hieronder in.",
                        "Haben Sie einen Beitrittscode von Ihrem Allianzmanager? Geben Sie ihn unten ein."), Tone.Subtle),
                    new TextInput("joinCode", T("Join code", "Koppelcode", "Beitrittscode"), Placeholder: "ABCD-1234", MaxLength: 20),
                ],
                [
                    new SubmitAction(T("Join", "Aanmelden", "Beitreten"), "alliance.join", new Dictionary<string, string>(), ActionStyle.Positive, SubmitsInputs: true),
                    new OpenUrlAction(T("About the NAV model", "Over het NAV-model", "Über das NAV-Modell"), "https://example.org/nav-model"),
                ],
                T("Welcome to AllianceBot", "Welkom bij AllianceBot", "Willkommen bei AllianceBot"))
            {
                Subtitle = T("Trust in your alliance, measured monthly", "Vertrouwen in je alliantie, maandelijks gemeten", "Vertrauen in Ihrer Allianz, monatlich gemessen"),
            },

            CardKind.Pulse => Pulse(language, ids),

            CardKind.ThankYou => new CardView(kind, T("Thanks, your answers are in", "Bedankt, je antwoorden zijn binnen", "Danke, Ihre Antworten sind angekommen"),
                [
                    new FactList([
                        new Fact(T("Agreements are clear", "Afspraken zijn helder", "Die Vereinbarungen sind klar"), T("4 – agree", "4 – eens", "4 – stimme zu")),
                        new Fact(T("They keep their promises", "Zij komen beloftes na", "Der Partner hält seine Zusagen"), T("3 – neutral", "3 – neutraal", "3 – neutral")),
                        new Fact(T("We share bad news early", "We delen slecht nieuws vroeg", "Wir sprechen schlechte Nachrichten früh an"),
                            T("5 – strongly agree", "5 – helemaal eens", "5 – stimme voll und ganz zu")),
                    ]),
                    new Paragraph(T("You can change your answers until the round closes on 17 June.", "Je kunt je antwoorden wijzigen tot de ronde op 17 juni sluit.",
                        "Sie können Ihre Antworten ändern, bis die Runde am 17. Juni schließt."), Tone.Subtle),
                ],
                [new SubmitAction(T("Change my answers", "Antwoorden wijzigen", "Meine Antworten ändern"), "pulse.edit", ids)],
                T("Thanks, your answers are in", "Bedankt, je antwoorden zijn binnen", "Danke, Ihre Antworten sind angekommen")),

            CardKind.HealthCheck => HealthCheck(language, ids),

            CardKind.Drift => new CardView(kind, T("Drift: calculative vs relational", "Verloop: calculatief vs relationeel", "Verlauf: kalkülbasiert gegenüber relational"),
                [
                    new Paragraph(T("The gap between the two kinds of trust has grown for three rounds.", "Het verschil tussen de twee soorten vertrouwen groeit al drie rondes.",
                        "Der Abstand zwischen den beiden Arten von Vertrauen wächst seit drei Runden."), Tone.Warning),
                    TrendChart(language, withImage: false),
                    new TableBlock(
                        [T("Round", "Ronde", "Runde"), T("Calculative", "Calculatief", "Kalkülbasiert"), T("Relational", "Relationeel", "Relational"), T("Gap", "Verschil", "Abstand")],
                        [
                            [Months(language)[0], N(3.9), N(4.2), N(0.3, signed: true)],
                            [Months(language)[1], N(3.7), N(4.3), N(0.6, signed: true)],
                            [Months(language)[2], N(3.4), N(4.3), N(0.9, signed: true)],
                            [Months(language)[3], N(3.2), N(4.4), N(1.2, signed: true)],
                        ]),
                ],
                [new SubmitAction(T("Health check", "Gezondheidscheck", "Gesundheitscheck"), "healthcheck.show", ids)],
                T("Drift: the gap grew to 1.2", "Verloop: het verschil groeide tot 1,2", "Verlauf: Der Abstand ist auf 1,2 gewachsen")) { Subtitle = "Acme – Globex" },

            CardKind.Alert => new CardView(kind, T("Alert: relational trust dropped", "Let op: relationeel vertrouwen gedaald", "Warnung: relationales Vertrauen gesunken"),
                [
                    new Paragraph(T("Relational trust fell from 4.1 to 3.4 this round (p = 0.004, 23 answers). In the execution phase this is the side that carries the alliance.",
                        "Relationeel vertrouwen daalde deze ronde van 4,1 naar 3,4 (p = 0,004, 23 antwoorden). In de uitvoerfase draagt juist deze kant de alliantie.",
                        "Das relationale Vertrauen ist in dieser Runde von 4,1 auf 3,4 gesunken (p = 0,004, 23 Antworten). In der Umsetzungsphase trägt gerade diese Seite die Allianz."), Tone.Attention),
                    new FactList([
                        new Fact(T("Relational", "Relationeel", "Relationales Vertrauen"), T("3.4 (was 4.1)", "3,4 (was 4,1)", "3,4 (vorher 4,1)")),
                        new Fact(T("Calculative", "Calculatief", "Kalkülbasiertes Vertrauen"), T("3.9 (steady)", "3,9 (stabiel)", "3,9 (stabil)")),
                        new Fact(T("Phase", "Fase", "Phase"), T("3 – Execution and closure", "3 – Uitvoer en afsluiting", "3 – Umsetzung und Abschluss")),
                    ]),
                    new BulletList(T("Do", "Doen", "Tun"),
                        [
                            T("Talk about it face to face, this week.", "Bespreek het deze week persoonlijk.", "Sprechen Sie noch diese Woche persönlich darüber."),
                            T("Ask what changed on the other side.", "Vraag wat er aan de andere kant veranderde.", "Fragen Sie, was sich auf der anderen Seite verändert hat."),
                        ], Tone.Good),
                    new BulletList(T("Don't", "Niet doen", "Lassen"),
                        [T("Answer with extra controls or contract clauses.", "Reageren met extra controles of contractclausules.", "Mit zusätzlichen Kontrollen oder Vertragsklauseln reagieren.")], Tone.Attention),
                ],
                [
                    new SubmitAction(T("Health check", "Gezondheidscheck", "Gesundheitscheck"), "healthcheck.show", ids, ActionStyle.Positive),
                    new SubmitAction(T("Drift", "Verloop", "Verlauf"), "drift.show", ids),
                ],
                T("Relational trust dropped to 3.4", "Relationeel vertrouwen gedaald naar 3,4", "Relationales Vertrauen auf 3,4 gesunken")),

            CardKind.RoundClosed => new CardView(kind, T("Round closed: June", "Ronde gesloten: juni", "Runde geschlossen: Juni"),
                [
                    new FactList([
                        new Fact(T("Answers", "Antwoorden", "Antworten"), T("23 of 31 members (74%)", "23 van 31 leden (74%)", "23 von 31 Mitgliedern (74 %)")),
                        new Fact(T("Calculative", "Calculatief", "Kalkülbasiertes Vertrauen"), N(3.9)),
                        new Fact(T("Relational", "Relationeel", "Relationales Vertrauen"), N(4.2)),
                    ]),
                    new Paragraph(T("Nothing alarming this round.", "Niets alarmerends deze ronde.", "In dieser Runde gibt es nichts Beunruhigendes."), Tone.Good),
                ],
                [new SubmitAction(T("Health check", "Gezondheidscheck", "Gesundheitscheck"), "healthcheck.show", ids)],
                T("Round closed: June", "Ronde gesloten: juni", "Runde geschlossen: Juni")),

            CardKind.Error => new CardView(kind, T("That did not work", "Dat lukte niet", "Das hat nicht geklappt"),
                [
                    new Paragraph(T("This round has closed, so your answers were not stored. The next pulse comes on 1 July.",
                        "Deze ronde is gesloten, dus je antwoorden zijn niet opgeslagen. De volgende pulse komt op 1 juli.",
                        "Diese Runde ist bereits geschlossen, daher wurden Ihre Antworten nicht gespeichert. Der nächste Puls kommt am 1. Juli.")),
                ],
                [], T("This round has closed", "Deze ronde is gesloten", "Diese Runde ist geschlossen")),

            CardKind.Choice => new CardView(kind, T("Which alliance?", "Welke alliantie?", "Welche Allianz?"),
                [
                    new Paragraph(T("You are a member of several alliances. Which one do you mean?", "Je bent lid van meerdere allianties. Welke bedoel je?",
                        "Sie sind Mitglied mehrerer Allianzen. Welche meinen Sie?")),
                    new ChoiceInput("alliance", T("Alliance", "Alliantie", "Allianz"), [new Choice("Acme – Globex", "a1"), new Choice("Acme – Initech", "a2"), new Choice("Acme – Umbrella", "a3")], Required: true,
                        ErrorMessage: T("Pick an alliance.", "Kies een alliantie.", "Wählen Sie eine Allianz.")),
                ],
                [new SubmitAction(T("Continue", "Verder", "Weiter"), "alliance.pick", new Dictionary<string, string> { ["then"] = "healthcheck.show" }, ActionStyle.Positive, SubmitsInputs: true)],
                T("Which alliance?", "Welke alliantie?", "Welche Allianz?")),

            CardKind.Info => new CardView(kind, T("Reminders off", "Herinneringen uit", "Erinnerungen aus"),
                [
                    new Paragraph(T("You will not get reminders any more. The monthly pulse itself still comes.", "Je krijgt geen herinneringen meer. De maandelijkse pulse zelf komt nog wel.",
                        "Sie erhalten keine Erinnerungen mehr. Den monatlichen Puls selbst bekommen Sie weiterhin.")),
                ],
                [], T("Reminders off", "Herinneringen uit", "Erinnerungen aus")),

            CardKind.Confirm => new CardView(kind, T("Change the phase?", "Fase wijzigen?", "Phase ändern?"),
                [
                    new Paragraph(T("Move Acme – Globex from phase 2 (Confirmation) to phase 3 (Execution and closure)? Baselines for alerts start again.",
                        "Acme – Globex van fase 2 (Bevestiging) naar fase 3 (Uitvoer en afsluiting) zetten? De basislijnen voor meldingen beginnen opnieuw.",
                        "Acme – Globex von Phase 2 (Bestätigung) in Phase 3 (Umsetzung und Abschluss) setzen? Die Vergleichswerte für Warnungen werden neu ermittelt.")),
                ],
                [
                    new SubmitAction(T("Yes, change it", "Ja, wijzigen", "Ja, ändern"), "phase.confirm", new Dictionary<string, string>(ids) { ["phase"] = "3" }, ActionStyle.Positive),
                    new SubmitAction(T("Cancel", "Annuleren", "Abbrechen"), "phase.cancel", ids, ActionStyle.Destructive),
                ],
                T("Change the phase?", "Fase wijzigen?", "Phase ändern?")),

            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static string[] Months(Language language) => Text(language, "Jan|Feb|Mar|Apr|May|Jun", "jan|feb|mrt|apr|mei|jun", "Jan|Feb|Mär|Apr|Mai|Jun").Split('|');

    private static CardView Pulse(Language language, IReadOnlyDictionary<string, string> ids)
    {
        string T(string en, string nl, string de) => Text(language, en, nl, de);
        IReadOnlyList<Choice> scale =
        [
            new(T("1 – strongly disagree", "1 – helemaal oneens", "1 – stimme überhaupt nicht zu"), "1"),
            new(T("2 – disagree", "2 – oneens", "2 – stimme nicht zu"), "2"),
            new(T("3 – neutral", "3 – neutraal", "3 – neutral"), "3"),
            new(T("4 – agree", "4 – eens", "4 – stimme zu"), "4"),
            new(T("5 – strongly agree", "5 – helemaal eens", "5 – stimme voll und ganz zu"), "5"),
        ];
        var required = T("Pick a value from 1 to 5.", "Kies een waarde van 1 tot 5.", "Wählen Sie einen Wert von 1 bis 5.");
        return new CardView(CardKind.Pulse, T("Monthly pulse: Acme – Globex", "Maandelijkse pulse: Acme – Globex", "Monatlicher Puls: Acme – Globex"),
            [
                new Paragraph(T("Three quick questions, under 30 seconds. Answers are anonymous.", "Drie korte vragen, binnen 30 seconden. Antwoorden zijn anoniem.",
                    "Drei kurze Fragen, in weniger als 30 Sekunden beantwortet. Die Antworten sind anonym."), Tone.Subtle),
                new ChoiceInput("cal-agreements", T("Our agreements with the partner are clear and written down.", "Onze afspraken met de partner zijn helder en vastgelegd.",
                    "Unsere Vereinbarungen mit dem Partner sind klar und schriftlich festgehalten."), scale, Required: true, ErrorMessage: required),
                new ChoiceInput("rel-promises", T("The partner does what they promise.", "De partner doet wat hij belooft.", "Der Partner tut, was er zusagt."),
                    scale, Value: "4", Required: true, ErrorMessage: required),
                new ChoiceInput("rel-openness", T("We can share bad news with the partner early.", "We kunnen slecht nieuws vroeg met de partner delen.",
                    "Wir können schlechte Nachrichten früh mit dem Partner teilen."), scale, Required: true, ErrorMessage: required),
                new TextInput("comment", T("Anything to add? (optional)", "Nog iets toe te voegen? (optioneel)", "Möchten Sie etwas ergänzen? (optional)"),
                    T("Shown only as part of a group of at least 10 comments.", "Alleen zichtbaar binnen een groep van minstens 10 opmerkingen.",
                        "Nur sichtbar innerhalb einer Gruppe von mindestens 10 Kommentaren."), Multiline: true, MaxLength: 500),
            ],
            [new SubmitAction(T("Send", "Versturen", "Senden"), "pulse.submit", ids, ActionStyle.Positive, SubmitsInputs: true)],
            T("Monthly pulse: 3 quick questions", "Maandelijkse pulse: 3 korte vragen", "Monatlicher Puls: 3 kurze Fragen"))
        {
            Subtitle = T("June round · closes 17 June", "Ronde juni · sluit 17 juni", "Runde Juni · schließt am 17. Juni"),
        };
    }

    private static LineChartBlock TrendChart(Language language, bool withImage)
    {
        string T(string en, string nl, string de) => Text(language, en, nl, de);
        return new LineChartBlock(
            T("Trend of the anchors (1–5)", "Trend van de ankers (1–5)", "Trend der Ankerfragen (1–5)"),
            Months(language),
            [
                new ChartSeries(T("Calculative", "Calculatief", "Kalkülbasiert"), [3.9, 3.7, 3.4, 3.2, null, 3.3], Tone.Accent),
                new ChartSeries(T("Relational", "Relationeel", "Relational"), [4.2, 4.3, 4.3, 4.4, null, 4.2], Tone.Good),
            ],
            withImage ? $"{ChartBase}/trend.{language.Code()}.png?exp=1767225600&sig=sample" : null,
            T("Line chart: calculative falls from 3.9 to 3.3, relational stays around 4.3.", "Lijngrafiek: calculatief daalt van 3,9 naar 3,3, relationeel blijft rond 4,3.",
                "Liniendiagramm: Kalkülbasiert fällt von 3,9 auf 3,3, relational bleibt bei etwa 4,3."));
    }

    private static CardView HealthCheck(Language language, IReadOnlyDictionary<string, string> ids)
    {
        string T(string en, string nl, string de) => Text(language, en, nl, de);
        string N(double value) => Number(language, value);
        return new CardView(CardKind.HealthCheck, T("Where are we in the model?", "Waar staan we in het model?", "Wo stehen wir im Modell?"),
            [
                new Heading(T("A. Where are we", "A. Waar staan we", "A. Wo wir stehen")),
                new FactList([
                    new Fact(T("Phase", "Fase", "Phase"), T("2 – Confirmation: agreements go on paper", "2 – Bevestiging: afspraken gaan op papier", "2 – Bestätigung: Vereinbarungen kommen zu Papier")),
                    new Fact(T("Calculative", "Calculatief", "Kalkülbasiertes Vertrauen"), T("3.3 (phase needs ≥ relational)", "3,3 (fase vraagt ≥ relationeel)", "3,3 (die Phase verlangt ≥ relational)")),
                    new Fact(T("Relational", "Relationeel", "Relationales Vertrauen"), N(4.2)),
                    new Fact(T("Balance", "Balans", "Balance"), T("+0.9 relational", "+0,9 relationeel", "+0,9 relational")),
                    new Fact(T("Based on", "Gebaseerd op", "Grundlage"), T("23 answers, June round", "23 antwoorden, ronde juni", "23 Antworten, Runde Juni")),
                ]),
                new Paragraph(T("Calculative side lagging for a confirmation-phase alliance: the pattern that forced Dell and Getronics to start over.",
                    "De calculatieve kant blijft achter in de bevestigingsfase: het patroon waardoor Dell en Getronics opnieuw moesten beginnen.",
                    "Die kalkülbasierte Seite bleibt in der Bestätigungsphase zurück: das Muster, das Dell und Getronics zum Neuanfang zwang."), Tone.Attention),
                new ImageBlock($"{ChartBase}/nav.{language.Code()}.png?exp=1767225600&sig=sample",
                    T("The NAV model: your alliance sits above the dotted line in phase 2, where the intended course runs at or below it.",
                      "Het NAV-model: jullie alliantie zit in fase 2 boven de stippellijn, waar de bedoelde koers erop of eronder loopt.",
                      "Das NAV-Modell: Ihre Allianz liegt in Phase 2 über der gepunkteten Linie, während der vorgesehene Verlauf auf oder unter ihr liegt.")),
                TrendChart(language, withImage: true),
                new TableBlock(
                    [T("Partner", "Partner", "Partner"), T("Calculative", "Calculatief", "Kalkülbasiert"), T("Relational", "Relationeel", "Relational")],
                    [["Acme", N(3.5), N(4.1)], ["Globex", N(3.1), N(4.3)]]),
                new Paragraph(T("Fewer than 5 answers from Initech this round, so their view is not shown.", "Minder dan 5 antwoorden van Initech deze ronde, dus hun beeld wordt niet getoond.",
                    "Von Initech kamen in dieser Runde weniger als 5 Antworten, daher wird ihre Sicht nicht gezeigt."), Tone.Subtle),
                new Divider(),
                new Heading(T("B. What moves us right", "B. Wat brengt ons verder naar rechts", "B. Was uns weiter nach rechts bringt")),
                new BulletList(T("Do", "Doen", "Tun"),
                [
                    T("Put the revenue split and the escalation route on paper now.", "Leg de verdeling van de opbrengst en de escalatieroute nu vast.",
                        "Halten Sie die Aufteilung der Erlöse und den Eskalationsweg jetzt schriftlich fest."),
                    T("Agree what happens when one side is unhappy with the other's effort.", "Spreek af wat er gebeurt als één kant ontevreden is over de inzet van de ander.",
                        "Vereinbaren Sie, was geschieht, wenn eine Seite mit dem Einsatz der anderen unzufrieden ist."),
                ], Tone.Good),
                new BulletList(T("Don't", "Niet doen", "Lassen"),
                [
                    T("Postpone the contract talk because the relationship feels good.", "Het contractgesprek uitstellen omdat de relatie goed voelt.",
                        "Das Vertragsgespräch aufschieben, weil sich die Beziehung gut anfühlt."),
                ], Tone.Attention),
                new Paragraph(T("Not ready for phase 3 yet: calculative trust must first reach the relational level.", "Nog niet klaar voor fase 3: calculatief vertrouwen moet eerst het relationele niveau halen.",
                    "Noch nicht bereit für Phase 3: Das kalkülbasierte Vertrauen muss zuerst das Niveau des relationalen erreichen."), Tone.Subtle),
            ],
            [
                new SubmitAction(T("Show drift", "Toon verloop", "Verlauf zeigen"), "drift.show", ids),
                new OpenUrlAction(T("The NAV model", "Het NAV-model", "Das NAV-Modell"), "https://example.org/nav-model"),
            ],
            T("Health check: calculative side lagging in phase 2", "Gezondheidscheck: calculatieve kant blijft achter in fase 2", "Gesundheitscheck: kalkülbasierte Seite bleibt in Phase 2 zurück"))
        { Subtitle = "Acme – Globex" };
    }
}
