using System.ComponentModel.DataAnnotations;

namespace AllianceBot.Dialogs.Intents;

/// <summary>Tuning of the intent matcher (configuration section "Dialogs:Recognition").</summary>
public sealed class RecognitionOptions
{
    public const string Section = "Dialogs:Recognition";

    /// <summary>A fuzzy match at or above this score is taken as the intent.</summary>
    [Range(0.5, 1.0)]
    public double AcceptThreshold { get; set; } = 0.72;

    /// <summary>Two different intents closer than this (both below <see cref="SureScore"/>) are ambiguous: ask instead.</summary>
    [Range(0.0, 0.5)]
    public double AmbiguityMargin { get; set; } = 0.06;

    /// <summary>A fuzzy score this high is never considered ambiguous.</summary>
    [Range(0.5, 1.0)]
    public double SureScore { get; set; } = 0.9;

    /// <summary>Suggestions below this score are replaced by the default suggestions.</summary>
    [Range(0.0, 1.0)]
    public double SuggestionFloor { get; set; } = 0.25;

    /// <summary>Only this many characters of a message are looked at: commands are short, essays are not commands.</summary>
    [Range(16, 10_000)]
    public int MaxInputChars { get; set; } = 400;

    [Range(2, 200)]
    public int MaxTokens { get; set; } = 32;
}
