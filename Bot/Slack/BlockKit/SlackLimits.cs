namespace AllianceBot.Bot.Slack.BlockKit;

/// <summary>Slack's documented Block Kit limits (docs.slack.dev, Block Kit reference), in characters unless noted.</summary>
public static class SlackLimits
{
    public const int BlocksPerMessage = 50;
    public const int SectionText = 3000;
    public const int SectionField = 2000;
    public const int FieldsPerSection = 10;
    public const int HeaderText = 150;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int ActionId = 255;
    public const int BlockId = 255;
    public const int ElementsPerActions = 25;
    public const int OptionText = 75;
    public const int OptionValue = 150;
    public const int RadioOptions = 10;
    public const int SelectOptions = 100;
    public const int InputLabel = 2000;
    public const int Placeholder = 150;
    public const int PlainTextInputMax = 3000;
    public const int ImageUrl = 3000;
    public const int ImageAltText = 2000;
    public const int ImageTitle = 2000;
    public const int ContextElements = 10;

    /// <summary>chat.postMessage truncates <c>text</c> beyond 40,000; Slack advises staying under 4,000.</summary>
    public const int FallbackText = 4000;
}

/// <summary>The action ids the renderer writes and the interactivity endpoint reads back.</summary>
public static class SlackActionIds
{
    /// <summary>Prefix of a button that becomes a card-action turn; the index keeps ids unique within a block.</summary>
    public const string SubmitPrefix = "alliance.submit.";

    /// <summary>Prefix of a link button; Slack reports its clicks too, and they are ignored.</summary>
    public const string LinkPrefix = "alliance.link.";

    /// <summary>The element inside every input block; the block id is the view's input id.</summary>
    public const string Input = "alliance.input";

    public const string ActionsBlockPrefix = "alliance.actions.";
}
