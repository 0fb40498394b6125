using Microsoft.Extensions.Hosting;

namespace AllianceBot.Scheduling;

public static class SchedulingSetup
{
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder) => builder;
}
