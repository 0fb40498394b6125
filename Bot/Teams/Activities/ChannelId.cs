namespace AllianceBot.Bot.Teams.Activities;

/// <summary>A channel id as sent by the Bot Framework, <c>channel[:sub]</c> (e.g. <c>msteams:COPILOT</c>).</summary>
public readonly record struct ChannelId(string Channel, string? SubChannel)
{
    public static ChannelId Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return new ChannelId("", null);
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new ChannelId(value, null) : new ChannelId(value[..colon], value[(colon + 1)..]);
    }

    public override string ToString() => SubChannel is null ? Channel : $"{Channel}:{SubChannel}";
}
