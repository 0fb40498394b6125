using System.Security.Cryptography;
using AllianceBot.Data.JoinCodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AllianceBot.Dialogs.Alliances;

public static class AlliancesSetup
{
    /// <summary>
    /// The alliance dialogs (create, join codes, manager commands, roster import) and the member self-service dialog.
    /// Needs storage. The host provides <see cref="IExportLinks"/> and, per channel with rosters, an
    /// <see cref="IRosterSource"/>; the round slice (AddRounds) provides <see cref="Rounds.IRoundControl"/>.
    /// </summary>
    public static IServiceCollection AddAllianceDialogs(this IServiceCollection services)
    {
        services.AddOptions<JoinCodeOptions>().BindConfiguration(JoinCodeOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.HashKey.Length >= JoinCodeHasher.MinKeyLength,
                $"{JoinCodeOptions.Section}:HashKey is missing or shorter than {JoinCodeHasher.MinKeyLength} characters. Set it to a random secret, e.g. `openssl rand -base64 48` (changing it later invalidates open join codes).")
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<JoinCodeOptions>, DevelopmentJoinCodeKey>();
        services.AddSingleton(sp => new JoinCodeHasher(sp.GetRequiredService<IOptions<JoinCodeOptions>>().Value.HashKey));
        services.AddSingleton<AllianceDirectory>();
        services.AddDialog<CreateAllianceDialog>();
        services.AddDialog<JoinCodesDialog>();
        services.AddDialog<ManageAllianceDialog>();
        services.AddDialog<MemberRolesDialog>();
        services.AddDialog<RosterImportDialog>();
        services.AddDialog<RoomLinksDialog>();
        services.AddDialog<Members.MemberSelfServiceDialog>();
        return services;
    }

    /// <summary>In Development only: a random per-process key when none is configured (codes die with the process).</summary>
    private sealed class DevelopmentJoinCodeKey(IHostEnvironment environment, ILogger<JoinCodesDialog> log) : IPostConfigureOptions<JoinCodeOptions>
    {
        public void PostConfigure(string? name, JoinCodeOptions options)
        {
            if (options.HashKey.Length > 0 || !environment.IsDevelopment())
            {
                return;
            }

            options.HashKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            log.LogWarning("{Section}:HashKey is not set; using a random key for this process (Development only): join codes stop working when it ends", JoinCodeOptions.Section);
        }
    }
}
