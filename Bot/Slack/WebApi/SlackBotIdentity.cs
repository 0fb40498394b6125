namespace AllianceBot.Bot.Slack.WebApi;

/// <summary>
/// The bot's own user id (auth.test), needed for conversation references and to ignore the bot's own messages.
/// Asked once; a failure is retried on the next turn.
/// </summary>
public sealed class SlackBotIdentity(SlackApiClient api)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? botUserId;

    public async Task<string?> GetUserIdAsync(CancellationToken cancellationToken)
    {
        if (botUserId is not null)
        {
            return botUserId;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (botUserId is null)
            {
                var answer = await api.AuthTestAsync(cancellationToken);
                botUserId = answer.Ok ? answer.Get("user_id") : null;
            }

            return botUserId;
        }
        finally
        {
            gate.Release();
        }
    }
}
