using AllianceBot.Dialogs.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Dialogs.Pulse;

public static class PulseSetup
{
    /// <summary>
    /// The pulse dialog (answer, change, "pulse", "pulse now"). Needs storage (Database, AllianceScopes) and an
    /// <see cref="Rounds.IRoundControl"/>, which the round slice registers (AddRounds).
    /// </summary>
    public static IServiceCollection AddPulse(this IServiceCollection services) => services.AddDialog<PulseDialog>();
}
