using System.Reflection;
using AllianceBot.Dialogs.Rounds;
using AllianceBot.Scheduling.Rounds;
using Quartz;

namespace AllianceBot.Scheduling.Tests.Architecture;

/// <summary>
/// The round walk runs forward (docs/architecture.md, walk 2): Scheduling calls the round slice only when one of its
/// triggers fires, and the slice asks Scheduling only to arm triggers (<see cref="IRoundTriggers"/>). A "pulse now" or
/// a changed schedule must not go Dialogs → Scheduling → Dialogs again.
/// </summary>
public sealed class ForwardWalkTests
{
    private static readonly Assembly SchedulingAssembly = typeof(SchedulingSetup).Assembly;

    [Fact]
    public void OnlyTheQuartzJobsCallTheRoundSlice()
    {
        var callers = SchedulingAssembly.GetTypes()
            .Where(t => t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(IRoundLifecycle) || p.ParameterType == typeof(RoundLifecycle) || p.ParameterType == typeof(IRoundControl))))
            .ToList();

        Assert.Equal(["CloseRoundJob", "OpenRoundJob", "RemindJob"], callers.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(callers, t => Assert.True(typeof(IJob).IsAssignableFrom(t), $"{t.Name} calls the round slice but is no trigger's job"));
    }

    [Fact]
    public void SchedulingImplementsOnlyTheTriggerPortOfTheRoundSlice()
    {
        var roundPorts = SchedulingAssembly.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.Namespace == typeof(IRoundTriggers).Namespace)
            .Distinct()
            .ToList();

        Assert.Equal([typeof(IRoundTriggers)], roundPorts);
        Assert.Equal(typeof(IRoundControl).Assembly, typeof(RoundControl).Assembly);
    }
}
