using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Alliances;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Help;
using AllianceBot.Dialogs.Pulse;
using AllianceBot.Dialogs.Rounds;
using AllianceBot.Dialogs.Storage;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Routing.Guided;
using AllianceBot.Dialogs.Turns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AllianceBot.Dialogs;

public static class DialogsSetup
{
    public static IHostApplicationBuilder AddDialogs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDialogServices(builder.Configuration);
        builder.Services.AddDialogStorage();
        builder.Services.AddAllianceDialogs();
        builder.Services.AddHealthCheck(builder.Configuration);
        builder.Services.AddPulse();
        builder.Services.AddRounds();
        return builder;
    }

    /// <summary>The router, the intent table's matcher, the string catalog, and every dialog.</summary>
    public static IServiceCollection AddDialogServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RecognitionOptions>()
            .Bind(configuration.GetSection(RecognitionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(_ => TextCatalog.LoadEmbedded());
        services.TryAddSingleton<IntentRecognizer>();
        services.TryAddSingleton<ILanguagePreference, NoLanguagePreference>();
        services.TryAddSingleton<IRoomAudience, NoRoomLinks>();
        services.TryAddSingleton(sp => new DialogRouter(
            sp.GetServices<IDialog>(),
            sp.GetRequiredService<IntentRecognizer>(),
            sp.GetRequiredService<TextCatalog>(),
            sp.GetRequiredService<ILanguagePreference>(),
            sp.GetService<IDialogStateStore>(), // storage registers it; only guided dialogs need it
            sp.GetRequiredService<IRoomAudience>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DialogRouter>>(),
            sp.GetService<AllianceBot.Data.Telemetry.AllianceTelemetry>(),
            sp.GetService<AllianceScopes>()));
        services.TryAddSingleton<ITurnHandler>(sp => sp.GetRequiredService<DialogRouter>());

        // Dialogs: one line each. Dialog owners add theirs here (or in their own setup) with AddDialog<T>().
        services.AddDialog<HelpDialog>();
        services.AddDialog<Explain.ExplainDialog>();
        return services;
    }

    /// <summary>
    /// The database-backed ports the dialogs use: guided-dialog state, language choices, and the alliance scope
    /// (authorization). Needs <c>AddStorage</c>.
    /// </summary>
    public static IServiceCollection AddDialogStorage(this IServiceCollection services)
    {
        services.AddSingleton<IDialogStateStore, StoredDialogStates>();
        services.RemoveAll<ILanguagePreference>();
        services.AddSingleton<ILanguagePreference, StoredLanguagePreference>();
        services.AddSingleton<AllianceScopes>();
        services.RemoveAll<IRoomAudience>();
        services.AddSingleton<IRoomAudience, StoredRoomAudience>();
        services.AddSingleton<Channels.PrivateDelivery>();
        return services;
    }

    /// <summary>Registers a dialog; the router collects every <see cref="IDialog"/> and its declared routes.</summary>
    public static IServiceCollection AddDialog<TDialog>(this IServiceCollection services)
        where TDialog : class, IDialog
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDialog, TDialog>());
        return services;
    }
}
