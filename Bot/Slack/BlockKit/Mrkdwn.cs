namespace AllianceBot.Bot.Slack.BlockKit;

/// <summary>Slack mrkdwn helpers: escaping of the three control characters, tone emoji and length cuts.</summary>
public static class Mrkdwn
{
    /// <summary>Slack reads &amp;, &lt; and &gt; as markup (links, mentions); user text must not become markup.</summary>
    public static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>The inverse, for text Slack sends us (message events escape the same three characters).</summary>
    public static string Unescape(string text) => text
        .Replace("&lt;", "<", StringComparison.Ordinal)
        .Replace("&gt;", ">", StringComparison.Ordinal)
        .Replace("&amp;", "&", StringComparison.Ordinal);

    public static string WithTone(Dialogs.Views.Tone tone, string mrkdwn) => tone switch
    {
        Dialogs.Views.Tone.Good => ":white_check_mark: " + mrkdwn,
        Dialogs.Views.Tone.Warning => ":warning: " + mrkdwn,
        Dialogs.Views.Tone.Attention => ":red_circle: " + mrkdwn,
        Dialogs.Views.Tone.Accent => ":small_blue_diamond: " + mrkdwn,
        _ => mrkdwn,
    };

    /// <summary>Cuts to at most <paramref name="max"/> characters with an ellipsis, never splitting a surrogate pair or an entity.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = max - 1;
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        var amp = end > 0 ? text.LastIndexOf('&', end - 1, Math.Min(end, 5)) : -1;
        if (amp >= 0 && text.IndexOf(';', amp) >= end)
        {
            end = amp;
        }

        return text[..end] + "…";
    }
}
