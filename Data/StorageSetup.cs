using Microsoft.Extensions.Hosting;

namespace AllianceBot.Data;

public static class StorageSetup
{
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder) => builder;
}
