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
/// The intent table: every command the bot understands with its argument pattern; the command words and example
/// phrasings for the fuzzy matcher are per language in Intents/intents.{code}.json (<see cref="IntentCatalog"/>). Help cards, suggestions and docs are generated from it, so they cannot drift.
/// </summary>
public static class IntentTable
{
    private static readonly ArgumentSpec[] None = [];

    public static IReadOnlyList<IntentDefinition> All { get; } =
    [
        new(Intent.Help, "help", IntentAudience.Member, MatchPolicy.Fuzzy, None),

        new(Intent.WhereAreWe, "where-are-we", IntentAudience.Member, MatchPolicy.Fuzzy, None),

        new(Intent.WhatMovesUsRight, "what-moves-us-right", IntentAudience.Member, MatchPolicy.Fuzzy, None),

        new(Intent.Drift, "drift", IntentAudience.Manager, MatchPolicy.Fuzzy, None),

        new(Intent.Pulse, "pulse", IntentAudience.Member, MatchPolicy.Fuzzy, None),

        new(Intent.RoundNow, "round-now", IntentAudience.Manager, MatchPolicy.CommandOnly, None),

        new(Intent.StopReminders, "stop-reminders", IntentAudience.Member, MatchPolicy.Fuzzy, None),

        new(Intent.StartReminders, "start-reminders", IntentAudience.Member, MatchPolicy.Fuzzy, None),

        new(Intent.Language, "language", IntentAudience.Member, MatchPolicy.CommandOnly,
            [new(Arg.Language, ArgumentType.Language, Required: false)]),

        new(Intent.Leave, "leave", IntentAudience.Member, MatchPolicy.Destructive, None),

        new(Intent.ForgetMe, "forget-me", IntentAudience.Member, MatchPolicy.Destructive, None),

        new(Intent.MyData, "my-data", IntentAudience.Member, MatchPolicy.Fuzzy, None),

        new(Intent.CreateAlliance, "create-alliance", IntentAudience.Member, MatchPolicy.CommandOnly,
            [new(Arg.Name, ArgumentType.Text, Required: false)]),

        new(Intent.Join, "join", IntentAudience.Member, MatchPolicy.CommandOnly,
            [new(Arg.Code, ArgumentType.Code, Required: true)]),

        new(Intent.Invite, "invite", IntentAudience.Manager, MatchPolicy.CommandOnly,
            [new(Arg.Organisation, ArgumentType.Text, Required: true)]),

        new(Intent.RevokeCode, "revoke-code", IntentAudience.Manager, MatchPolicy.CommandOnly,
            [new(Arg.Code, ArgumentType.Code, Required: false)]),

        new(Intent.ImportRoster, "import-roster", IntentAudience.Manager, MatchPolicy.CommandOnly, None),

        new(Intent.LinkRoom, "link-room", IntentAudience.Manager, MatchPolicy.CommandOnly, None),

        new(Intent.LinkRoomForManagers, "link-room-managers", IntentAudience.Manager, MatchPolicy.CommandOnly, None),

        new(Intent.UnlinkRoom, "unlink-room", IntentAudience.Manager, MatchPolicy.CommandOnly, None),

        new(Intent.Phase, "phase", IntentAudience.Manager, MatchPolicy.CommandOnly,
            [new(Arg.Phase, ArgumentType.Integer, Required: true, Min: 1, Max: 3), new(Arg.Reason, ArgumentType.Text, Required: false)]),

        new(Intent.Schedule, "schedule", IntentAudience.Manager, MatchPolicy.CommandOnly,
            [new(Arg.Schedule, ArgumentType.Text, Required: false)]),

        new(Intent.Anonymity, "anonymity", IntentAudience.Manager, MatchPolicy.CommandOnly,
            [new(Arg.Threshold, ArgumentType.Integer, Required: true, Min: 3, Max: 25)]),

        new(Intent.Members, "members", IntentAudience.Manager, MatchPolicy.Fuzzy, None),

        new(Intent.RemoveMember, "remove-member", IntentAudience.Manager, MatchPolicy.Destructive,
            [new(Arg.Member, ArgumentType.Text, Required: true)]),

        new(Intent.Promote, "promote", IntentAudience.Manager, MatchPolicy.CommandOnly,
            [new(Arg.Member, ArgumentType.Text, Required: true)]),

        new(Intent.Demote, "demote", IntentAudience.Manager, MatchPolicy.Destructive,
            [new(Arg.Member, ArgumentType.Text, Required: true)]),

        new(Intent.Export, "export", IntentAudience.Manager, MatchPolicy.Fuzzy, None),

        // The steering-committee report (issue 17): a signed link to a printable page, for managers.
        new(Intent.Report, "report", IntentAudience.Manager, MatchPolicy.Fuzzy, None),

        new(Intent.DeleteAlliance, "delete-alliance", IntentAudience.Manager, MatchPolicy.Destructive, None),

        new(Intent.Demo, "demo", IntentAudience.Member, MatchPolicy.Fuzzy, None),

        // Explain: the model itself, for anyone (no alliance figures). The examples are what a new member asks.
        new(Intent.ExplainModel, "explain-model", IntentAudience.Member, MatchPolicy.Fuzzy, None),

        new(Intent.ExplainCalculative, "explain-calculative", IntentAudience.Member, MatchPolicy.Fuzzy, None, ShowInHelp: false),

        new(Intent.ExplainRelational, "explain-relational", IntentAudience.Member, MatchPolicy.Fuzzy, None, ShowInHelp: false),

        new(Intent.ExplainPhases, "explain-phases", IntentAudience.Member, MatchPolicy.Fuzzy, None, ShowInHelp: false),

        new(Intent.ExplainDellGetronics, "explain-dell-getronics", IntentAudience.Member, MatchPolicy.Fuzzy, None, ShowInHelp: false),

        new(Intent.Glossary, "glossary", IntentAudience.Member, MatchPolicy.Fuzzy, None),

        // Commitments (issue 17, docs/commitments.md): an advice item becomes a promise with an owner and a due round.
        new(Intent.Commit, "commit", IntentAudience.Member, MatchPolicy.CommandOnly,
            [new(Arg.Item, ArgumentType.Integer, Required: true, Min: 1, Max: 999), new(Arg.Details, ArgumentType.Text, Required: false)]),

        new(Intent.CommitDone, "commitment-done", IntentAudience.Member, MatchPolicy.CommandOnly,
            [new(Arg.Number, ArgumentType.Integer, Required: true, Min: 1, Max: 100_000)]),

        new(Intent.Commitments, "commitments", IntentAudience.Member, MatchPolicy.Fuzzy, None),

        new(Intent.CommitmentSettings, "commitment-settings", IntentAudience.Manager, MatchPolicy.CommandOnly,
            [new(Arg.Setting, ArgumentType.Text, Required: false)]),

        new(Intent.Cancel, "cancel", IntentAudience.Member, MatchPolicy.CommandOnly, None),
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
