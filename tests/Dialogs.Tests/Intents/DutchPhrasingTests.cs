using AllianceBot.Dialogs.Intents;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Tests.Intents;

public sealed class DutchPhrasingTests
{
    public static TheoryData<string, Intent, string> Phrasings => new()
    {
        { "hulp", Intent.Help, "" },
        { "Hulp!", Intent.Help, "" },
        { "@AllianceBot hulp", Intent.Help, "" },
        { "wat kun je allemaal?", Intent.Help, "" },
        { "hup", Intent.Help, "" },
        { "waar staan we?", Intent.WhereAreWe, "" },
        { "Waar staan we", Intent.WhereAreWe, "" },
        { "waar staan we in het model?", Intent.WhereAreWe, "" },
        { "WAAR STAAN WE IN HET MODEL", Intent.WhereAreWe, "" },
        { "hoe gezond is onze alliantie?", Intent.WhereAreWe, "" },
        { "hoe gezond is onze allaintie", Intent.WhereAreWe, "" },
        { "onze alliantie, hoe gezond is die", Intent.WhereAreWe, "" },
        { "gezondheidscheck", Intent.WhereAreWe, "" },
        { "gezondheids check", Intent.WhereAreWe, "" },
        { "waar stan we", Intent.WhereAreWe, "" },
        { "hoe staan we ervoor?", Intent.WhereAreWe, "" },
        { "in welke fase zitten we?", Intent.WhereAreWe, "" },
        { "wat brengt ons verder?", Intent.WhatMovesUsRight, "" },
        { "wat brengt ons naar rechts", Intent.WhatMovesUsRight, "" },
        { "advies graag", Intent.WhatMovesUsRight, "" },
        { "wat moeten we nu doen", Intent.WhatMovesUsRight, "" },
        { "verloop", Intent.Drift, "" },
        { "toon het verloop", Intent.Drift, "" },
        { "mijn pulse", Intent.Pulse, "" },
        { "peiling", Intent.Pulse, "" },
        { "pulse nu", Intent.RoundNow, "" },
        { "ronde nu", Intent.RoundNow, "" },
        { "geen herinneringen", Intent.StopReminders, "" },
        { "stuur me geen herinneringen meer", Intent.StopReminders, "" },
        { "herinneringen aan", Intent.StartReminders, "" },
        { "taal en", Intent.Language, "language=en" },
        { "taal nederlands", Intent.Language, "language=nl" },
        { "alliantie verlaten", Intent.Leave, "" },
        { "vergeet mij", Intent.ForgetMe, "" },
        { "vergeet me", Intent.ForgetMe, "" },
        { "mijn gegevens", Intent.MyData, "" },
        { "wat weet je over mij?", Intent.MyData, "" },
        { "nieuwe alliantie", Intent.CreateAlliance, "" },
        { "deelnemen ABCD-2345", Intent.Join, "code=ABCD-2345" },
        { "join ABCD-2345", Intent.Join, "code=ABCD-2345" },
        { "uitnodigen Getronics", Intent.Invite, "organisation=Getronics" },
        { "fase 2", Intent.Phase, "phase=2" },
        { "fase 2 contract getekend", Intent.Phase, "phase=2;reason=contract getekend" },
        { "fase twee", Intent.Phase, "phase=2" },
        { "fase drie - project gestart", Intent.Phase, "phase=3;reason=project gestart" },
        { "planning eerste dinsdag 10:00", Intent.Schedule, "schedule=eerste dinsdag 10:00" },
        { "anonimiteit 7", Intent.Anonymity, "threshold=7" },
        { "leden", Intent.Members, "" },
        { "hoeveel leden hebben we", Intent.Members, "" },
        { "verwijder Jan de Vries", Intent.RemoveMember, "member=Jan de Vries" },
        { "promoveer Anna", Intent.Promote, "member=Anna" },
        { "degradeer Bram", Intent.Demote, "member=Bram" },
        { "exporteer", Intent.Export, "" },
        { "alliantie verwijderen", Intent.DeleteAlliance, "" },
        { "verwijder alliantie", Intent.DeleteAlliance, "" },
        { "laat een demo zien", Intent.Demo, "" },
        { "annuleer", Intent.Cancel, "" },
        { "laat maar", Intent.Cancel, "" },
    };

    [Theory]
    [MemberData(nameof(Phrasings))]
    public void DutchPhrasingMapsToIntentWithArguments(string text, Intent expected, string arguments)
    {
        var recognition = Recognizers.Default.Recognize(text);

        Assert.True(recognition.Match is not null, $"\"{text}\" not recognized; suggestions: {string.Join(", ", recognition.Suggestions)}");
        Assert.Equal(expected, recognition.Match.Intent);
        Assert.Equal(arguments, ArgumentsText.Of(recognition.Match.Arguments));
        Assert.NotEqual(Language.En, recognition.Language);
    }

    [Theory]
    [InlineData("hulp")]
    [InlineData("waar staan we?")]
    [InlineData("hoe gezond is onze alliantie")]
    [InlineData("fase 2")]
    [InlineData("geen herinneringen")]
    public void ClearlyDutchPhrasingIsDetectedAsDutch(string text) =>
        Assert.Equal(Language.Nl, Recognizers.Default.Recognize(text).Language);

    [Theory]
    [InlineData("help")]
    [InlineData("demo")]
    [InlineData("status")]
    public void WordsSharedByBothLanguagesLeaveTheLanguageOpen(string text) =>
        Assert.Null(Recognizers.Default.Recognize(text).Language);

    [Fact]
    public void TheTableHasAtLeastFortyDutchPhrasings() => Assert.True(Phrasings.Count >= 40);
}
