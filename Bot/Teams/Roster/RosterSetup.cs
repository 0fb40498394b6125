using AllianceBot.Dialogs.Alliances;

namespace AllianceBot.Bot.Teams.Roster;

public static class RosterSetup
{
    /// <summary>"import roster" for Teams teams and group chats (Slack has no roster source: the dialog says so).</summary>
    public static IHostApplicationBuilder AddTeamsRoster(this IHostApplicationBuilder builder)
    {
        builder.Services.AddTransient<IRosterSource, TeamsRosterSource>();
        return builder;
    }
}
