using AllianceBot.Dialogs.Intents;

namespace AllianceBot.Dialogs.Tests.Intents;

public sealed class NearMissAndNegativeTests
{
    [Theory]
    [InlineData("joinn ABCD-2345", Intent.Join)]
    [InlineData("fsae 2", Intent.Phase)]
    [InlineData("anonimity 7", Intent.Anonymity)]
    [InlineData("invte Getronics", Intent.Invite)]
    [InlineData("reminder", Intent.StopReminders)]
    [InlineData("herinnering", Intent.StartReminders)]
    [InlineData("exprot the numbers please", Intent.Export)]
    [InlineData("new aliance", Intent.CreateAlliance)]
    [InlineData("ronde", Intent.RoundNow)]
    public void NearMissIsNotGuessedButSuggested(string text, Intent suggested)
    {
        var recognition = Recognizers.Default.Recognize(text);

        Assert.Null(recognition.Match);
        Assert.Equal(3, recognition.Suggestions.Count);
        Assert.Contains(recognition.Suggestions, s => s.Intent == suggested);
    }

    [Theory]
    [InlineData("don't forget me", Intent.ForgetMe)]
    [InlineData("please forget me", Intent.ForgetMe)]
    [InlineData("forget me not", Intent.ForgetMe)]
    [InlineData("vergeet mij niet", Intent.ForgetMe)]
    [InlineData("niet vergeten mij", Intent.ForgetMe)]
    [InlineData("I will leave it for now", Intent.Leave)]
    [InlineData("leave me alone", Intent.Leave)]
    [InlineData("ik ga de alliantie niet verlaten", Intent.Leave)]
    [InlineData("should we delete the alliance?", Intent.DeleteAlliance)]
    [InlineData("delete alliance tomorrow maybe", Intent.DeleteAlliance)]
    [InlineData("verwijder alliantie niet", Intent.DeleteAlliance)]
    [InlineData("verwijder alliantie niet", Intent.RemoveMember)]
    [InlineData("how do I remove someone", Intent.RemoveMember)]
    [InlineData("remov Jan", Intent.RemoveMember)]
    [InlineData("can I demote myself?", Intent.Demote)]
    [InlineData("when is the pulse now?", Intent.RoundNow)]
    [InlineData("what is the phase", Intent.Phase)]
    public void RiskyIntentNeedsItsExactCommandForm(string text, Intent risky)
    {
        var recognition = Recognizers.Default.Recognize(text);

        Assert.NotEqual(risky, recognition.Match?.Intent);
    }

    [Theory]
    [InlineData("forget me")]
    [InlineData("delete alliance")]
    [InlineData("leave")]
    [InlineData("remove Jan")]
    public void DestructiveIntentsAreNeverSuggested(string exactForm)
    {
        var destructive = Recognizers.Default.Recognize(exactForm).Match!.Intent;
        var swapped = string.Concat(exactForm[1].ToString(), exactForm[0].ToString(), exactForm[2..]);
        var typo = Recognizers.Default.Recognize(swapped);

        Assert.DoesNotContain(typo.Suggestions, s => s.Intent == destructive);
        Assert.NotEqual(destructive, typo.Match?.Intent);
    }

    [Fact]
    public void InvalidArgumentIsReportedNotDropped()
    {
        var phase = Recognizers.Default.Recognize("phase 7").Match!;
        var anonymity = Recognizers.Default.Recognize("anonymity 2").Match!;
        var join = Recognizers.Default.Recognize("join").Match!;
        var language = Recognizers.Default.Recognize("taal frans").Match!;

        Assert.Equal(new ArgumentProblem(Arg.Phase, ArgumentProblemKind.Invalid, "7"), Assert.Single(phase.Arguments.Problems));
        Assert.Equal(new ArgumentProblem(Arg.Threshold, ArgumentProblemKind.Invalid, "2"), Assert.Single(anonymity.Arguments.Problems));
        Assert.Equal(new ArgumentProblem(Arg.Code, ArgumentProblemKind.Missing, null), Assert.Single(join.Arguments.Problems));
        Assert.Equal(new ArgumentProblem(Arg.Language, ArgumentProblemKind.Invalid, "frans"), Assert.Single(language.Arguments.Problems));
    }

    [Fact]
    public void TypedArgumentsAreReadable()
    {
        var arguments = Recognizers.Default.Recognize("fase 2 contract getekend").Match!.Arguments;

        Assert.Equal(2, arguments.Integer(Arg.Phase));
        Assert.Equal("contract getekend", arguments.Text(Arg.Reason));
        Assert.Equal(Trust.Language.Nl, Recognizers.Default.Recognize("language dutch").Match!.Arguments.Language(Arg.Language));
    }

    [Fact]
    public void LongerCommandWinsOverItsPrefix()
    {
        Assert.Equal(Intent.RoundNow, Recognizers.Default.Recognize("pulse now").Match!.Intent);
        Assert.Equal(Intent.StopReminders, Recognizers.Default.Recognize("stop reminders").Match!.Intent);
        Assert.Equal(Intent.DeleteAlliance, Recognizers.Default.Recognize("verwijder alliantie").Match!.Intent);
    }
}
