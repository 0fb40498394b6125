using System.ComponentModel.DataAnnotations;

namespace AllianceBot.Bot.Legal;

/// <summary>Configuration section <c>Legal</c>: who runs this copy of the bot, shown on /privacy and /terms.</summary>
public sealed class LegalOptions
{
    public const string Section = "Legal";

    /// <summary>The organisation that runs the bot and is responsible for the data (e.g. "Contoso Hosting B.V.").</summary>
    [MaxLength(200)]
    public string Operator { get; set; } = "";

    /// <summary>Where people ask about their data: an e-mail address or an https URL.</summary>
    [MaxLength(200)]
    public string Contact { get; set; } = "";
}
