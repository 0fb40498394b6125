using AllianceBot.Dialogs.Help;
using AllianceBot.Dialogs.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AllianceBot.Dialogs;

public static class DialogsSetup
{
    public static IHostApplicationBuilder AddDialogs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ITurnHandler, HelpOnlyHandler>();
        return builder;
    }
}
