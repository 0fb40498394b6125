using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Routing.Guided;
using AllianceBot.Dialogs.Turns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace AllianceBot.Dialogs.Tests.Harness;

/// <summary>
/// The real dialog registrations (AddDialogServices) with the edges swapped for tests: an in-memory dialog-state
/// store and a fake clock. Add the dialogs under test with <c>configure</c>.
/// </summary>
public sealed class DialogTestHost : IDisposable
{
    private readonly ServiceProvider provider;

    public DialogTestHost(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IDialogStateStore>(States);
        services.AddDialogServices(new ConfigurationBuilder().Build());
        configure?.Invoke(services);
        services.TryAddSingleton<AllianceBot.Dialogs.HealthCheck.IHealthChartLinks, AllianceBot.Dialogs.Tests.HealthCheck.TestChartLinks>();
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public InMemoryDialogStateStore States { get; } = new();

    public ITurnHandler Handler => provider.GetRequiredService<ITurnHandler>();

    public DialogRouter Router => provider.GetRequiredService<DialogRouter>();

    public IServiceProvider Services => provider;

    public Transcript Transcript(TranscriptUser? user = null) => new(Handler, user);

    public void Dispose() => provider.Dispose();
}
