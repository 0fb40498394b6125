using AllianceBot.Dialogs.Intents;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Tests.Intents;

public sealed class EnglishPhrasingTests
{
    /// <summary>Phrasing → intent, expected arguments as "name=value;…" (empty: none).</summary>
    public static TheoryData<string, Intent, string> Phrasings => new()
    {
        { "help", Intent.Help, "" },
        { "Help!", Intent.Help, "" },
        { "@AllianceBot help", Intent.Help, "" },
        { "<at>AllianceBot</at> help", Intent.Help, "" },
        { "what can you do?", Intent.Help, "" },
        { "hlep", Intent.Help, "" },
        { "where are we?", Intent.WhereAreWe, "" },
        { "Where are we", Intent.WhereAreWe, "" },
        { "where are we in the model?", Intent.WhereAreWe, "" },
        { "WHERE ARE WE IN THE MODEL", Intent.WhereAreWe, "" },
        { "how healthy is our alliance?", Intent.WhereAreWe, "" },
        { "how healthy is our aliance", Intent.WhereAreWe, "" },
        { "our alliance, how healthy is it", Intent.WhereAreWe, "" },
        { "health check", Intent.WhereAreWe, "" },
        { "healthcheck", Intent.WhereAreWe, "" },
        { "helth chek", Intent.WhereAreWe, "" },
        { "wher are we", Intent.WhereAreWe, "" },
        { "how are we doing?", Intent.WhereAreWe, "" },
        { "which phase are we in?", Intent.WhereAreWe, "" },
        { "what moves us right?", Intent.WhatMovesUsRight, "" },
        { "what moves us to the right", Intent.WhatMovesUsRight, "" },
        { "advice please", Intent.WhatMovesUsRight, "" },
        { "what should we do next", Intent.WhatMovesUsRight, "" },
        { "drift", Intent.Drift, "" },
        { "show me the drift", Intent.Drift, "" },
        { "pulse", Intent.Pulse, "" },
        { "show my pulse", Intent.Pulse, "" },
        { "my puls", Intent.Pulse, "" },
        { "pulse now", Intent.RoundNow, "" },
        { "round now", Intent.RoundNow, "" },
        { "stop reminders", Intent.StopReminders, "" },
        { "please stop sending me reminders", Intent.StopReminders, "" },
        { "reminders on", Intent.StartReminders, "" },
        { "language nl", Intent.Language, "language=nl" },
        { "language Dutch", Intent.Language, "language=nl" },
        { "language english", Intent.Language, "language=en" },
        { "leave", Intent.Leave, "" },
        { "forget me", Intent.ForgetMe, "" },
        { "forget me!", Intent.ForgetMe, "" },
        { "my data", Intent.MyData, "" },
        { "what do you store about me?", Intent.MyData, "" },
        { "create alliance", Intent.CreateAlliance, "" },
        { "create alliance Dell Getronics", Intent.CreateAlliance, "name=Dell Getronics" },
        { "join ABCD-2345", Intent.Join, "code=ABCD-2345" },
        { "join abcd-2345", Intent.Join, "code=ABCD-2345" },
        { "invite Getronics", Intent.Invite, "organisation=Getronics" },
        { "invite Dell Technologies.", Intent.Invite, "organisation=Dell Technologies" },
        { "phase 2 contract signed", Intent.Phase, "phase=2;reason=contract signed" },
        { "phase 3", Intent.Phase, "phase=3" },
        { "phase two: contract signed", Intent.Phase, "phase=2;reason=contract signed" },
        { "schedule first tuesday 10:00", Intent.Schedule, "schedule=first tuesday 10:00" },
        { "anonymity 7", Intent.Anonymity, "threshold=7" },
        { "members", Intent.Members, "" },
        { "how many members do we have", Intent.Members, "" },
        { "remove Jan de Vries", Intent.RemoveMember, "member=Jan de Vries" },
        { "promote Anna", Intent.Promote, "member=Anna" },
        { "demote Bram", Intent.Demote, "member=Bram" },
        { "export", Intent.Export, "" },
        { "delete alliance", Intent.DeleteAlliance, "" },
        { "demo", Intent.Demo, "" },
        { "show me a demo", Intent.Demo, "" },
        { "cancel", Intent.Cancel, "" },
        { "never mind", Intent.Cancel, "" },
        { "stop", Intent.Cancel, "" },
    };

    [Theory]
    [MemberData(nameof(Phrasings))]
    public void EnglishPhrasingMapsToIntentWithArguments(string text, Intent expected, string arguments)
    {
        var recognition = Recognizers.Default.Recognize(text);

        Assert.True(recognition.Match is not null, $"\"{text}\" not recognized; suggestions: {string.Join(", ", recognition.Suggestions)}");
        Assert.Equal(expected, recognition.Match.Intent);
        Assert.Equal(arguments, ArgumentsText.Of(recognition.Match.Arguments));
        Assert.NotEqual(Language.Nl, recognition.Language);
    }

    [Fact]
    public void TheTableHasAtLeastFortyEnglishPhrasings() => Assert.True(Phrasings.Count >= 40);
}

internal static class ArgumentsText
{
    public static string Of(IntentArguments arguments) =>
        string.Join(';', arguments.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));
}
