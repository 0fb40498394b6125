namespace AllianceBot.Dialogs.Intents;

/// <summary>Argument names as they appear in <see cref="IntentArguments"/>.</summary>
public static class Arg
{
    public const string Code = "code";
    public const string Phase = "phase";
    public const string Reason = "reason";
    public const string Language = "language";
    public const string Threshold = "threshold";
    public const string Organisation = "organisation";
    public const string Schedule = "schedule";
    public const string Member = "member";
    public const string Name = "name";
    public const string Item = "item";
    public const string Details = "details";
    public const string Number = "number";
    public const string Setting = "setting";
}

/// <summary>
/// The intent table: every command the bot understands, in English and Dutch, with its argument pattern and example
/// phrasings for the fuzzy matcher. Help cards, suggestions and docs are generated from it, so they cannot drift.
/// </summary>
public static class IntentTable
{
    private static readonly ArgumentSpec[] None = [];

    public static IReadOnlyList<IntentDefinition> All { get; } =
    [
        new(Intent.Help, "help", IntentAudience.Member, MatchPolicy.Fuzzy, None,
            En: new(["help", "commands", "menu"], "help",
                ["help", "what can you do", "what can i ask", "show commands", "how does this work", "i need help", "who are you"]),
            Nl: new(["hulp", "help", "commandos", "menu"], "hulp",
                ["hulp", "wat kun je", "wat kun je allemaal", "wat kan ik vragen", "welke commandos zijn er", "hoe werkt dit", "ik heb hulp nodig", "wie ben jij"])),

        new(Intent.WhereAreWe, "where-are-we", IntentAudience.Member, MatchPolicy.Fuzzy, None,
            En: new(["where are we", "health check", "healthcheck", "status"], "where are we?",
                ["where are we", "where are we in the model", "how healthy is our alliance", "health check",
                 "how are we doing", "how is our alliance doing", "show the health check", "alliance health",
                 "which phase are we in", "where do we stand", "how is the trust"]),
            Nl: new(["waar staan we", "gezondheidscheck", "status"], "waar staan we?",
                ["waar staan we", "waar staan we in het model", "hoe gezond is onze alliantie", "gezondheidscheck",
                 "hoe gaat het met onze alliantie", "hoe doen we het", "toon de gezondheidscheck", "gezondheid alliantie",
                 "in welke fase zitten we", "hoe staat het vertrouwen", "hoe staan we ervoor"])),

        new(Intent.WhatMovesUsRight, "what-moves-us-right", IntentAudience.Member, MatchPolicy.Fuzzy, None,
            En: new(["what moves us right", "advice"], "what moves us right?",
                ["what moves us right", "what moves us forward", "what should we do", "advice", "give advice",
                 "how do we move right", "next steps", "how can we improve", "dos and donts"]),
            Nl: new(["wat brengt ons verder", "advies"], "wat brengt ons verder?",
                ["wat brengt ons verder", "wat brengt ons naar rechts", "wat moeten we doen", "advies", "geef advies",
                 "volgende stappen", "hoe kunnen we verbeteren", "wat moeten we wel en niet doen"])),

        new(Intent.Drift, "drift", IntentAudience.Manager, MatchPolicy.Fuzzy, None,
            En: new(["drift"], "drift",
                ["drift", "show drift", "trust drift", "calculative versus relational", "gap between calculative and relational", "trend over time"]),
            Nl: new(["verloop", "drift"], "verloop",
                ["verloop", "toon verloop", "drift", "calculatief tegenover relationeel", "kloof tussen calculatief en relationeel", "trend in de tijd"])),

        new(Intent.Pulse, "pulse", IntentAudience.Member, MatchPolicy.Fuzzy, None,
            En: new(["pulse", "my pulse"], "pulse",
                ["pulse", "my pulse", "show my pulse", "current pulse", "open my pulse", "questions", "answer the pulse", "survey"]),
            Nl: new(["pulse", "mijn pulse", "peiling"], "pulse",
                ["pulse", "mijn pulse", "toon mijn pulse", "huidige pulse", "peiling", "vragen", "pulse invullen", "vragenlijst"])),

        new(Intent.RoundNow, "round-now", IntentAudience.Manager, MatchPolicy.CommandOnly, None,
            En: new(["pulse now", "round now"], "round now", ["pulse now", "round now"]),
            Nl: new(["pulse nu", "ronde nu"], "ronde nu", ["pulse nu", "ronde nu"])),

        new(Intent.StopReminders, "stop-reminders", IntentAudience.Member, MatchPolicy.Fuzzy, None,
            En: new(["stop reminders", "no reminders", "reminders off"], "stop reminders",
                ["stop reminders", "no reminders", "reminders off", "stop sending me reminders", "no more reminders", "mute reminders"]),
            Nl: new(["geen herinneringen", "herinneringen uit", "stop herinneringen"], "geen herinneringen",
                ["geen herinneringen", "herinneringen uit", "stop herinneringen", "stuur geen herinneringen meer", "geen herinneringen meer"])),

        new(Intent.StartReminders, "start-reminders", IntentAudience.Member, MatchPolicy.Fuzzy, None,
            En: new(["start reminders", "reminders on"], "start reminders",
                ["start reminders", "reminders on", "send me reminders again", "turn reminders on", "resume reminders"]),
            Nl: new(["herinneringen aan", "start herinneringen"], "herinneringen aan",
                ["herinneringen aan", "start herinneringen", "stuur weer herinneringen", "zet herinneringen aan"])),

        new(Intent.Language, "language", IntentAudience.Member, MatchPolicy.CommandOnly,
            [new(Arg.Language, ArgumentType.Language, Required: false)],
            En: new(["language"], "language en|nl", ["language nl", "language en"]),
            Nl: new(["taal"], "taal nl|en", ["taal nl", "taal en"])),

        new(Intent.Leave, "leave", IntentAudience.Member, MatchPolicy.Destructive, None,
            En: new(["leave", "leave alliance"], "leave", []),
            Nl: new(["verlaten", "alliantie verlaten", "verlaat alliantie"], "alliantie verlaten", [])),

        new(Intent.ForgetMe, "forget-me", IntentAudience.Member, MatchPolicy.Destructive, None,
            En: new(["forget me"], "forget me", []),
            Nl: new(["vergeet mij", "vergeet me"], "vergeet mij", [])),

        new(Intent.MyData, "my-data", IntentAudience.Member, MatchPolicy.Fuzzy, None,
            En: new(["my data"], "my data",
                ["my data", "what do you store about me", "what do you know about me", "show my data", "my personal data", "privacy"]),
            Nl: new(["mijn gegevens", "mijn data"], "mijn gegevens",
                ["mijn gegevens", "wat weet je over mij", "welke gegevens bewaar je", "toon mijn gegevens", "mijn data", "privacy"])),

        new(Intent.CreateAlliance, "create-alliance", IntentAudience.Member, MatchPolicy.CommandOnly,
            [new(Arg.Name, ArgumentType.Text, Required: false)],
            En: new(["create alliance", "new alliance"], "create alliance", ["create alliance", "new alliance", "start an alliance"]),
            Nl: new(["alliantie aanmaken", "nieuwe alliantie", "maak alliantie"], "nieuwe alliantie",
                ["alliantie aanmaken", "nieuwe alliantie", "maak een alliantie"])),

        new(Intent.Join, "join", IntentAudience.Member, MatchPolicy.CommandOnly,
            [new(Arg.Code, ArgumentType.Code, Required: true)],
            En: new(["join"], "join CODE", ["join", "join with a code"]),
            Nl: new(["deelnemen", "aansluiten", "doe mee", "join"], "deelnemen CODE", ["deelnemen", "aansluiten met een code"])),

        new(Intent.Invite, "invite", IntentAudience.Manager, MatchPolicy.CommandOnly,
            [new(Arg.Organisation, ArgumentType.Text, Required: true)],
            En: new(["invite"], "invite ORGANISATION", ["invite", "invite a partner", "code for a partner"]),
            Nl: new(["uitnodigen", "nodig uit"], "uitnodigen ORGANISATIE", ["uitnodigen", "nodig een partner uit", "code voor partner"])),

        new(Intent.RevokeCode, "revoke-code", IntentAudience.Manager, MatchPolicy.CommandOnly,
            [new(Arg.Code, ArgumentType.Code, Required: false)],
            En: new(["revoke code", "revoke"], "revoke code [code]", ["revoke code", "revoke a join code", "cancel the code"]),
            Nl: new(["code intrekken", "trek code in", "intrekken"], "code intrekken [code]", ["code intrekken", "trek de code in", "deelnamecode intrekken"])),

        new(Intent.ImportRoster, "import-roster", IntentAudience.Manager, MatchPolicy.CommandOnly, None,
            En: new(["import roster", "import members", "import team"], "import roster", ["import roster", "add the team members", "import the team"]),
            Nl: new(["leden importeren", "importeer leden", "importeer team"], "leden importeren", ["leden importeren", "voeg de teamleden toe", "importeer het team"])),

        new(Intent.LinkRoom, "link-room", IntentAudience.Manager, MatchPolicy.CommandOnly, None,
            En: new(["link this channel", "link this chat", "link channel", "link chat"], "link this channel",
                ["link this channel", "link this chat", "link channel"]),
            Nl: new(["koppel dit kanaal", "koppel deze chat", "kanaal koppelen", "chat koppelen"], "koppel dit kanaal",
                ["koppel dit kanaal", "koppel deze chat", "kanaal koppelen"])),

        new(Intent.LinkRoomForManagers, "link-room-managers", IntentAudience.Manager, MatchPolicy.CommandOnly, None,
            En: new(["link this channel for managers", "link this chat for managers"], "link this channel for managers",
                ["link this channel for managers", "link this chat for managers"]),
            Nl: new(["koppel dit kanaal voor managers", "koppel deze chat voor managers"], "koppel dit kanaal voor managers",
                ["koppel dit kanaal voor managers", "koppel deze chat voor managers"])),

        new(Intent.UnlinkRoom, "unlink-room", IntentAudience.Manager, MatchPolicy.CommandOnly, None,
            En: new(["unlink this channel", "unlink this chat", "unlink channel", "unlink chat", "unlink"], "unlink this channel",
                ["unlink this channel", "unlink this chat", "unlink"]),
            Nl: new(["ontkoppel dit kanaal", "ontkoppel deze chat", "kanaal ontkoppelen", "ontkoppel"], "ontkoppel dit kanaal",
                ["ontkoppel dit kanaal", "ontkoppel deze chat", "ontkoppel"])),

        new(Intent.Phase, "phase", IntentAudience.Manager, MatchPolicy.CommandOnly,
            [new(Arg.Phase, ArgumentType.Integer, Required: true, Min: 1, Max: 3), new(Arg.Reason, ArgumentType.Text, Required: false)],
            En: new(["phase"], "phase 1|2|3 [reason]", ["phase", "set the phase", "change phase"]),
            Nl: new(["fase"], "fase 1|2|3 [reden]", ["fase", "fase instellen", "fase wijzigen"])),

        new(Intent.Schedule, "schedule", IntentAudience.Manager, MatchPolicy.CommandOnly,
            [new(Arg.Schedule, ArgumentType.Text, Required: false)],
            En: new(["schedule"], "schedule WHEN", ["schedule", "change the schedule", "when is the next round"]),
            Nl: new(["planning", "schema", "rooster"], "planning WANNEER", ["planning", "planning wijzigen", "wanneer is de volgende ronde"])),

        new(Intent.Anonymity, "anonymity", IntentAudience.Manager, MatchPolicy.CommandOnly,
            [new(Arg.Threshold, ArgumentType.Integer, Required: true, Min: 3, Max: 25)],
            En: new(["anonymity", "anonymity threshold"], "anonymity 3-25", ["anonymity", "anonymity threshold"]),
            Nl: new(["anonimiteit", "anonimiteitsdrempel"], "anonimiteit 3-25", ["anonimiteit", "anonimiteitsdrempel"])),

        new(Intent.Members, "members", IntentAudience.Manager, MatchPolicy.Fuzzy, None,
            En: new(["members"], "members", ["members", "show members", "who is in the alliance", "how many members", "reachability"]),
            Nl: new(["leden", "deelnemers"], "leden", ["leden", "toon leden", "wie zitten er in de alliantie", "hoeveel leden", "bereikbaarheid"])),

        new(Intent.RemoveMember, "remove-member", IntentAudience.Manager, MatchPolicy.Destructive,
            [new(Arg.Member, ArgumentType.Text, Required: true)],
            En: new(["remove", "remove member"], "remove NAME", []),
            Nl: new(["verwijder", "verwijder lid"], "verwijder NAAM", [])),

        new(Intent.Promote, "promote", IntentAudience.Manager, MatchPolicy.CommandOnly,
            [new(Arg.Member, ArgumentType.Text, Required: true)],
            En: new(["promote"], "promote NAME", ["promote", "make manager"]),
            Nl: new(["promoveer", "maak manager"], "promoveer NAAM", ["promoveer", "maak manager"])),

        new(Intent.Demote, "demote", IntentAudience.Manager, MatchPolicy.Destructive,
            [new(Arg.Member, ArgumentType.Text, Required: true)],
            En: new(["demote"], "demote NAME", []),
            Nl: new(["degradeer"], "degradeer NAAM", [])),

        new(Intent.Export, "export", IntentAudience.Manager, MatchPolicy.Fuzzy, None,
            En: new(["export"], "export", ["export", "export data", "download the aggregates", "csv export"]),
            Nl: new(["exporteer", "export"], "exporteer", ["exporteer", "exporteer gegevens", "download de cijfers", "csv export"])),

        // The steering-committee report (issue 17): a signed link to a printable page, for managers.
        new(Intent.Report, "report", IntentAudience.Manager, MatchPolicy.Fuzzy, None,
            En: new(["report", "steering committee report"], "report",
                ["report", "steering committee report", "report for the steering committee", "make a report",
                 "printable report", "report for the board", "give me the report", "alliance report", "pdf report",
                 "report link", "print the health check"]),
            Nl: new(["rapport", "rapportage", "stuurgroeprapport"], "rapport",
                ["rapport", "rapportage", "stuurgroeprapport", "rapport voor de stuurgroep", "maak een rapport",
                 "afdrukbaar rapport", "rapport voor het bestuur", "geef me het rapport", "alliantierapport", "pdf rapport",
                 "link naar het rapport", "print de gezondheidscheck"])),

        new(Intent.DeleteAlliance, "delete-alliance", IntentAudience.Manager, MatchPolicy.Destructive, None,
            En: new(["delete alliance"], "delete alliance", []),
            Nl: new(["verwijder alliantie", "alliantie verwijderen"], "alliantie verwijderen", [])),

        new(Intent.Demo, "demo", IntentAudience.Member, MatchPolicy.Fuzzy, None,
            En: new(["demo"], "demo", ["demo", "show me a demo", "try it out", "sample alliance", "example alliance"]),
            Nl: new(["demo"], "demo", ["demo", "laat een demo zien", "uitproberen", "voorbeeld alliantie"])),

        // Explain: the model itself, for anyone (no alliance figures). The examples are what a new member asks.
        new(Intent.ExplainModel, "explain-model", IntentAudience.Member, MatchPolicy.Fuzzy, None,
            En: new(["explain the model", "nav model", "explain"], "explain the model",
                ["what is the nav model", "explain the model", "explain the nav model", "what is the nav-model",
                 "tell me about the model", "how does the trust model work", "what does the model say", "nav model",
                 "the model in brief", "what is this model", "explain trust", "what is alliance trust"]),
            Nl: new(["leg het model uit", "nav-model", "nav model", "uitleg"], "leg het model uit",
                ["wat is het nav model", "wat is het nav-model", "leg het model uit", "leg het nav model uit",
                 "vertel over het model", "hoe werkt het vertrouwensmodel", "wat zegt het model", "nav-model",
                 "het model in het kort", "wat is dit model", "uitleg vertrouwen", "wat is alliantievertrouwen"])),

        new(Intent.ExplainCalculative, "explain-calculative", IntentAudience.Member, MatchPolicy.Fuzzy, None,
            En: new(["calculative trust", "calculative"], "calculative trust",
                ["what does calculative trust mean", "what is calculative trust", "calculative trust", "explain calculative trust",
                 "what does calculative mean", "calculative", "what is calculative", "define calculative trust",
                 "meaning of calculative trust", "tell me about calculative trust", "what counts as calculative trust"]),
            Nl: new(["calculatief vertrouwen", "calculatief"], "calculatief vertrouwen",
                ["wat is calculatief vertrouwen", "wat betekent calculatief vertrouwen", "calculatief vertrouwen",
                 "leg calculatief vertrouwen uit", "wat betekent calculatief", "calculatief", "wat is calculatief",
                 "uitleg calculatief vertrouwen", "betekenis calculatief vertrouwen", "vertel over calculatief vertrouwen",
                 "wat valt onder calculatief vertrouwen"]), ShowInHelp: false),

        new(Intent.ExplainRelational, "explain-relational", IntentAudience.Member, MatchPolicy.Fuzzy, None,
            En: new(["relational trust", "relational"], "relational trust",
                ["what does relational trust mean", "what is relational trust", "relational trust", "explain relational trust",
                 "what does relational mean", "relational", "what is relational", "define relational trust",
                 "meaning of relational trust", "tell me about relational trust", "what counts as relational trust"]),
            Nl: new(["relationeel vertrouwen", "relationeel"], "relationeel vertrouwen",
                ["wat is relationeel vertrouwen", "wat betekent relationeel vertrouwen", "relationeel vertrouwen",
                 "leg relationeel vertrouwen uit", "wat betekent relationeel", "relationeel", "wat is relationeel",
                 "uitleg relationeel vertrouwen", "betekenis relationeel vertrouwen", "vertel over relationeel vertrouwen",
                 "wat valt onder relationeel vertrouwen"]), ShowInHelp: false),

        new(Intent.ExplainPhases, "explain-phases", IntentAudience.Member, MatchPolicy.Fuzzy, None,
            En: new(["phases", "the phases"], "phases",
                ["which phases are there", "what phases are there", "phases", "explain the phases", "what are the phases",
                 "the three phases", "how many phases", "what does each phase need", "why does the emphasis move",
                 "tell me about the phases", "list the phases"]),
            Nl: new(["fasen", "fases", "de fasen"], "fasen",
                ["welke fasen zijn er", "welke fases zijn er", "fasen", "fases", "leg de fasen uit", "wat zijn de fasen",
                 "de drie fasen", "hoeveel fasen", "wat heeft elke fase nodig", "waarom verschuift de nadruk",
                 "vertel over de fasen", "noem de fasen"]), ShowInHelp: false),

        new(Intent.ExplainDellGetronics, "explain-dell-getronics", IntentAudience.Member, MatchPolicy.Fuzzy, None,
            En: new(["dell getronics lesson", "the dell getronics lesson"], "Dell/Getronics lesson",
                ["what happened with dell and getronics", "dell and getronics", "dell getronics", "tell me about dell and getronics",
                 "what happened to dell and getronics", "the dell getronics lesson", "what is the dell lesson",
                 "dell getronics pattern", "what went wrong at dell and getronics", "why did dell and getronics start over"]),
            Nl: new(["les van dell en getronics", "dell getronics les"], "les van Dell en Getronics",
                ["wat gebeurde er met dell en getronics", "dell en getronics", "dell getronics", "vertel over dell en getronics",
                 "wat is er gebeurd met dell en getronics", "de les van dell en getronics", "wat is de dell les",
                 "dell getronics patroon", "wat ging er mis bij dell en getronics", "waarom begonnen dell en getronics opnieuw"]), ShowInHelp: false),

        new(Intent.Glossary, "glossary", IntentAudience.Member, MatchPolicy.Fuzzy, None,
            En: new(["glossary", "terms"], "glossary",
                ["glossary", "terms", "what do the words mean", "explain the terms", "definitions", "show the glossary",
                 "what does balance mean", "what is an anchor item", "jargon", "word list", "what do the terms mean"]),
            Nl: new(["woordenlijst", "begrippen"], "woordenlijst",
                ["woordenlijst", "begrippen", "wat betekenen de woorden", "leg de begrippen uit", "definities",
                 "toon de woordenlijst", "wat betekent balans", "wat is een ankervraag", "vakjargon", "lijst met begrippen",
                 "wat betekenen de termen"])),

        // Commitments (issue 17, docs/commitments.md): an advice item becomes a promise with an owner and a due round.
        new(Intent.Commit, "commit", IntentAudience.Member, MatchPolicy.CommandOnly,
            [new(Arg.Item, ArgumentType.Integer, Required: true, Min: 1, Max: 999), new(Arg.Details, ArgumentType.Text, Required: false)],
            En: new(["commit", "commit to", "commit item", "commit to item", "promise", "we commit to", "we promise"], "commit N [for NAME] [by ROUND]",
                ["commit 2", "commit to 2", "commit item 2", "promise 2", "we commit to 2"]),
            Nl: new(["beloof", "beloven", "we beloven", "beloof punt", "toezeggen", "zeg toe", "toezegging", "toezeggen punt"], "beloof N [voor NAAM] [uiterlijk RONDE]",
                ["beloof 2", "we beloven 2", "beloof punt 2", "toezeggen 2", "zeg toe 2"])),

        new(Intent.CommitDone, "commitment-done", IntentAudience.Member, MatchPolicy.CommandOnly,
            [new(Arg.Number, ArgumentType.Integer, Required: true, Min: 1, Max: 100_000)],
            En: new(["done", "commitment done", "mark done", "kept"], "done N", ["done 1", "commitment done 1", "mark done 1"]),
            Nl: new(["gedaan", "klaar", "afgerond", "nagekomen", "toezegging gedaan", "toezegging nagekomen"], "gedaan N",
                ["gedaan 1", "klaar 1", "afgerond 1", "toezegging nagekomen 1"])),

        new(Intent.Commitments, "commitments", IntentAudience.Member, MatchPolicy.Fuzzy, None,
            En: new(["commitments", "our commitments", "promises", "our promises"], "commitments",
                ["commitments", "our commitments", "show commitments", "show our commitments", "list the commitments",
                 "what did we promise", "what have we committed to", "open commitments", "which promises did we keep",
                 "promises kept and missed", "our promises"]),
            Nl: new(["toezeggingen", "onze toezeggingen", "beloftes", "onze beloftes"], "toezeggingen",
                ["toezeggingen", "onze toezeggingen", "toon de toezeggingen", "toon onze beloftes", "lijst met toezeggingen",
                 "wat hebben we beloofd", "wat hebben we toegezegd", "open toezeggingen", "welke beloftes zijn nagekomen",
                 "nagekomen en gemiste beloftes", "onze beloftes"])),

        new(Intent.CommitmentSettings, "commitment-settings", IntentAudience.Manager, MatchPolicy.CommandOnly,
            [new(Arg.Setting, ArgumentType.Text, Required: false)],
            En: new(["commitments members"], "commitments members on|off", ["commitments members on", "commitments members off"]),
            Nl: new(["toezeggingen leden"], "toezeggingen leden aan|uit", ["toezeggingen leden aan", "toezeggingen leden uit"])),

        new(Intent.Cancel, "cancel", IntentAudience.Member, MatchPolicy.CommandOnly, None,
            En: new(["cancel", "stop", "quit", "never mind", "nevermind", "abort"], "cancel", ["cancel", "stop"]),
            Nl: new(["annuleer", "annuleren", "stop", "stoppen", "laat maar", "afbreken"], "annuleer", ["annuleer", "stop"])),
    ];

    private static readonly Dictionary<Intent, IntentDefinition> ById = All.ToDictionary(d => d.Id);

    private static readonly Dictionary<string, IntentDefinition> ByKey = All.ToDictionary(d => d.Key, StringComparer.Ordinal);

    public static IntentDefinition Get(Intent intent) => ById[intent];

    public static bool TryGetByKey(string? key, out IntentDefinition definition)
    {
        definition = null!;
        return key is not null && ByKey.TryGetValue(key, out definition!);
    }

    public static string Key(this Intent intent) => ById[intent].Key;
}
