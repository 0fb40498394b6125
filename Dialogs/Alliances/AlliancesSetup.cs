using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Dialogs.Alliances;

public static class AlliancesSetup
{
    /// <summary>
    /// The alliance dialogs (create, join codes, manager commands, roster import) and the member self-service dialog.
    /// Needs storage. The host provides <see cref="IExportLinks"/> and, per channel with rosters, an
    /// <see cref="IRosterSource"/>; Scheduling provides <see cref="Rounds.IRoundControl"/>.
    /// </summary>
    public static IServiceCollection AddAllianceDialogs(this IServiceCollection services)
    {
        services.AddOptions<JoinCodeOptions>().BindConfiguration(JoinCodeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AllianceDirectory>();
        services.AddDialog<CreateAllianceDialog>();
        services.AddDialog<JoinCodesDialog>();
        services.AddDialog<ManageAllianceDialog>();
        services.AddDialog<MemberRolesDialog>();
        services.AddDialog<RosterImportDialog>();
        services.AddDialog<Members.MemberSelfServiceDialog>();
        return services;
    }
}
