using AllianceBot.Dialogs.Intents;

namespace AllianceBot.Dialogs.Access;

/// <summary>Who may read an answer. Decides where the answer goes when it was asked in a group chat or channel.</summary>
public enum Audience
{
    /// <summary>Nothing about an alliance or a person (help, the demo, cancel, linking a room): answered where asked.</summary>
    Anyone,

    /// <summary>About the asker (my data, forget me, the pulse, join): always to the asker's personal chat.</summary>
    Personal,

    /// <summary>An alliance's figures for its members (where are we?): in a room only when it is linked to that alliance.</summary>
    Member,

    /// <summary>
    /// Managers only (drift, members, export, codes, settings): in a room only when it is linked to the alliance for
    /// managers, or linked and everyone on its roster is a manager of the alliance.
    /// </summary>
    Manager,
}

/// <summary>
/// The audience of every intent, in one exhaustive switch: a new intent without an audience does not compile
/// (CS8509 is an error here). Card verbs declare theirs when they are registered
/// (<see cref="Routing.DialogRoutes.OnVerb"/>).
/// </summary>
public static class AudiencePolicy
{
#pragma warning disable CS8524 // only named values: an undefined Intent cannot come out of the intent table
    public static Audience Of(Intent intent) => intent switch
    {
        Intent.Help => Audience.Anyone,
        Intent.Demo => Audience.Anyone,
        Intent.Cancel => Audience.Anyone,
        Intent.LinkRoom => Audience.Anyone,
        Intent.LinkRoomForManagers => Audience.Anyone,
        Intent.UnlinkRoom => Audience.Anyone,
        Intent.ExplainModel => Audience.Anyone,
        Intent.ExplainCalculative => Audience.Anyone,
        Intent.ExplainRelational => Audience.Anyone,
        Intent.ExplainPhases => Audience.Anyone,
        Intent.ExplainDellGetronics => Audience.Anyone,
        Intent.Glossary => Audience.Anyone,

        Intent.Pulse => Audience.Personal,
        Intent.StopReminders => Audience.Personal,
        Intent.StartReminders => Audience.Personal,
        Intent.Language => Audience.Personal,
        Intent.Leave => Audience.Personal,
        Intent.ForgetMe => Audience.Personal,
        Intent.MyData => Audience.Personal,
        Intent.CreateAlliance => Audience.Personal,
        Intent.Join => Audience.Personal,

        Intent.WhereAreWe => Audience.Member,
        Intent.WhatMovesUsRight => Audience.Member,
        Intent.Commit => Audience.Member,
        Intent.CommitDone => Audience.Member,
        Intent.Commitments => Audience.Member,

        Intent.Drift => Audience.Manager,
        Intent.RoundNow => Audience.Manager,
        Intent.Invite => Audience.Manager,
        Intent.RevokeCode => Audience.Manager,
        Intent.ImportRoster => Audience.Manager,
        Intent.Phase => Audience.Manager,
        Intent.Schedule => Audience.Manager,
        Intent.Anonymity => Audience.Manager,
        Intent.Members => Audience.Manager,
        Intent.RemoveMember => Audience.Manager,
        Intent.Promote => Audience.Manager,
        Intent.Demote => Audience.Manager,
        Intent.Export => Audience.Manager,
        Intent.Report => Audience.Manager,
        Intent.DeleteAlliance => Audience.Manager,
        Intent.CommitmentSettings => Audience.Manager,
    };
#pragma warning restore CS8524
}
