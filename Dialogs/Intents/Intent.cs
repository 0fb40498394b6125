namespace AllianceBot.Dialogs.Intents;

/// <summary>
/// Everything a user can ask the bot. The words, examples and argument patterns live in <see cref="IntentTable"/>;
/// the stable string id (used in card data and logs) is <see cref="IntentDefinition.Key"/>.
/// </summary>
public enum Intent
{
    Help,
    WhereAreWe,
    WhatMovesUsRight,
    Drift,
    Pulse,
    RoundNow,
    StopReminders,
    StartReminders,
    Language,
    Leave,
    ForgetMe,
    MyData,
    CreateAlliance,
    Join,
    Invite,
    Phase,
    Schedule,
    Anonymity,
    Members,
    RemoveMember,
    Promote,
    Demote,
    Export,
    DeleteAlliance,
    Demo,
    Cancel,
    RevokeCode,
    ImportRoster,
    LinkRoom,
    LinkRoomForManagers,
    UnlinkRoom,
    ExplainModel,
    ExplainCalculative,
    ExplainRelational,
    ExplainPhases,
    ExplainDellGetronics,
    Glossary,
    Report,
}
