using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Slack.Signing;

/// <summary>
/// A request body that passed the signature check (or development mode), or the answer to refuse it with.
/// <see cref="SignedAt"/> is the signed timestamp header (null for an unsigned development request).
/// </summary>
public sealed record VerifiedBody(byte[]? Body, IResult? Refusal, string? SignedAt = null);

/// <summary>
/// Reads the raw body (bounded) and checks Slack's signature over exactly those bytes, before anything is parsed.
/// Without a signing secret, requests pass unsigned only in the Development environment; elsewhere start-up
/// already refused to run without one, and this refuses again as a second line.
/// </summary>
public sealed class SlackRequestVerifier(IOptions<SlackOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<SlackRequestVerifier> logger)
{
    /// <summary>Slack's payloads are small; anything bigger is not from Slack.</summary>
    public const int MaxBodyBytes = 1 << 20;

    public async Task<VerifiedBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ReadBoundedAsync(request.Body, cancellationToken);
        if (body is null)
        {
            return new VerifiedBody(null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }

        var secret = options.Value.SigningSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return environment.IsDevelopment()
                ? new VerifiedBody(body, null)
                : new VerifiedBody(null, Results.Unauthorized());
        }

        var verdict = SlackSignature.Verify(
            secret,
            request.Headers[SlackSignature.TimestampHeader].ToString(),
            request.Headers[SlackSignature.SignatureHeader].ToString(),
            body,
            clock.GetUtcNow());
        if (verdict == SignatureVerdict.Valid)
        {
            return new VerifiedBody(body, null, request.Headers[SlackSignature.TimestampHeader].ToString());
        }

        logger.LogWarning("Refused a Slack request to {Path}: {Verdict}", request.Path, verdict);
        return new VerifiedBody(null, Results.Unauthorized());
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
