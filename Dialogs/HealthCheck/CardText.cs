using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.HealthCheck;

/// <summary>Small formatting rules the health-check and drift cards share.</summary>
internal static class CardText
{
    /// <summary>A 1–5 level in the reader's culture ("3.4" / "3,4").</summary>
    public static string Level(Texts texts, double value) => texts.Number(value, 1);

    /// <summary>A balance with its sign, so "+0.8" reads as relational ahead and "−0.8" as calculative ahead.</summary>
    public static string Signed(Texts texts, double value)
    {
        var rounded = Math.Round(value, 1, MidpointRounding.AwayFromZero);
        return rounded switch
        {
            > 0 => "+" + texts.Number(rounded, 1),
            < 0 => "−" + texts.Number(-rounded, 1),
            _ => texts.Number(0, 1),
        };
    }

    public static string Month(Texts texts, DateTimeOffset moment) =>
        moment.ToString("MMM yyyy", texts.Culture);

    public static string ShortMonth(Texts texts, DateTimeOffset moment) =>
        moment.ToString("MMM yy", texts.Culture);

    /// <summary>A button that runs an intent for this alliance (the click is re-authorized against the clicker's own membership).</summary>
    public static SubmitAction IntentFor(Intent intent, Guid allianceId, Texts texts, ActionStyle style = ActionStyle.Default)
    {
        var button = IntentButtons.For(intent, texts, style);
        var data = new Dictionary<string, string>(button.Data, StringComparer.Ordinal) { [AllianceScopes.AllianceKey] = allianceId.ToString() };
        return button with { Data = data };
    }
}
