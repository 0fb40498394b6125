using AllianceBot.Dialogs.Intents;
using Microsoft.Extensions.Options;

namespace AllianceBot.Dialogs.Tests.Intents;

internal static class Recognizers
{
    public static IntentRecognizer Default { get; } = new(Options.Create(new RecognitionOptions()));
}
