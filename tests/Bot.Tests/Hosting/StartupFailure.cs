using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Tests.Hosting;

/// <summary>
/// The options validation failure that stops the real host at start (ValidateOnStart runs when the host starts).
/// </summary>
/// <remarks>
/// WebApplicationFactory's deferred host learns that the application started as soon as the host's lifetime is
/// waited on, which is before start-up validation runs; when validation then fails, the application's <c>Run</c>
/// disposes its services while the factory may still be asking them for the lifetime. The factory then reports an
/// <see cref="ObjectDisposedException"/> instead of the failure (seen under load). That is a race of the test host, not
/// of the bot, so such an attempt is repeated with a fresh host; any other outcome is the answer.
/// </remarks>
internal static class StartupFailure
{
    private const int Attempts = 5;

    public static string Of(Func<WebApplicationFactory<Program>> create)
    {
        Exception? error = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            using var host = create();
            error = Record.Exception(() => host.CreateClient());
            for (var e = error; e is not null; e = e.InnerException)
            {
                if (e is OptionsValidationException validation)
                {
                    return validation.Message;
                }
            }

            if (error is not ObjectDisposedException)
            {
                break;
            }
        }

        throw new Xunit.Sdk.XunitException($"expected the host to stop with an options validation failure, got {error}");
    }
}
