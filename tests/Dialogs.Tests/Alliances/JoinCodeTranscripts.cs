using AllianceBot.Data.JoinCodes;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Tests.Alliances;

public sealed class JoinCodeTranscripts
{
    [Fact]
    public async Task FirstRedeemerOfAPartnerCodeBecomesItsManagerAndTheNextJoinsAsMember()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.CreateAsync(host);
        var code = await Scenario.InviteAsync(host, People.Anna, "Globex");
        Assert.Matches("^[A-HJ-KM-NP-Z2-9]{5}-[A-HJ-KM-NP-Z2-9]{5}$", code);

        await host.Transcript(People.Bram)
            .Send($"deelnemen {code.ToLowerInvariant()}").ExpectCard(CardKind.Welcome, c =>
            {
                Assert.Equal("Welkom bij \"Acme–Globex\"", c.Title);
                Assert.Contains("Rol: manager", People.Texts(c), StringComparison.Ordinal);
            })
            .As(People.Eva).Send($"join {code}").ExpectCard(CardKind.Welcome, c => Assert.Contains("Rol: lid", People.Texts(c), StringComparison.Ordinal))
            .As(People.Eva).Send($"join {code}").ExpectMessage("Je bent al lid van \"Acme–Globex\".")
            .RunAsync();

        var bram = Assert.Single(await host.Database.ListMyAlliancesAsync(People.Bram.Identity, default));
        Assert.Equal((MemberRole.Manager, "Globex"), (bram.Role, bram.PartnerName));
        var eva = Assert.Single(await host.Database.ListMyAlliancesAsync(People.Eva.Identity, default));
        Assert.Equal((MemberRole.Member, "Globex"), (eva.Role, eva.PartnerName));
    }

    [Fact]
    public async Task WrongExpiredAndRevokedCodesGetDistinctAnswersThatNameNoAlliance()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.CreateAsync(host);
        var expiring = await Scenario.InviteAsync(host, People.Anna, "Globex");
        var revokedByButton = "";
        await host.Transcript(People.Anna)
            .Send("invite Initech").ExpectCard(CardKind.Info, c => revokedByButton = People.CodeOf(c))
            .ClickButton("Revoke this code").ExpectReplacedCard(CardKind.Info, c => Assert.Equal("Code revoked", c.Title))
            .RunAsync();
        var revokedByText = await Scenario.InviteAsync(host, People.Anna, "");
        await host.Transcript(People.Anna).Send($"revoke code {revokedByText}").ExpectCard(CardKind.Info, c => Assert.Equal("Code revoked", c.Title)).RunAsync();

        await host.Transcript(People.Chris)
            .Send("join ZZZZZ-22222").ExpectMessage(m => Assert.StartsWith("I don't know that code.", m.Text, StringComparison.Ordinal))
            .Send($"join {revokedByButton}").ExpectMessage(m => Assert.Equal("That code was revoked by a manager. Ask them for a new one.", m.Text))
            .As(People.Dirk).Send($"join {revokedByText}").ExpectMessage("revoked")
            .Then(() => host.Time.Advance(TimeSpan.FromDays(14)))
            .As(People.Bram).Send($"join {expiring}").ExpectMessage(m => Assert.Equal("Die code is verlopen. Vraag de manager die je uitnodigde om een nieuwe.", m.Text))
            .RunAsync();
        foreach (var person in new[] { People.Chris, People.Dirk, People.Bram })
        {
            Assert.Empty(await host.Database.ListMyAlliancesAsync(person.Identity, default));
        }
    }

    [Fact]
    public async Task GuessingIsPausedAfterFiveWrongCodesEvenForAValidCodeUntilTheWindowPasses()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.CreateAsync(host);
        var valid = await Scenario.InviteAsync(host, People.Anna, "Initech");
        var guesses = host.Transcript(People.Chris);
        for (var i = 0; i < 4; i++)
        {
            guesses = guesses.Send($"join GUESS-{i}{i}{i}{i}{i}").ExpectMessage("I don't know that code.");
        }

        await guesses
            .Send("join GUESS-77777").ExpectMessage("I don't know that code.").ExpectCard(CardKind.Error, c =>
            {
                Assert.Equal("Too many wrong codes", c.Title);
                Assert.Contains("for 15 minutes", People.Texts(c), StringComparison.Ordinal);
            })
            .Send($"join {valid}").ExpectCard(CardKind.Error, c => Assert.Equal("Too many wrong codes", c.Title))
            .As(People.Dirk).Send("join ABCDE-23456").ExpectMessage("I don't know that code.")
            .Then(() => host.Time.Advance(TimeSpan.FromMinutes(16)))
            .As(People.Chris).Send($"join {valid}").ExpectCard(CardKind.Welcome)
            .RunAsync();
        Assert.Equal(6, await host.Database.CountFailedJoinAttemptsAsync(People.Chris.Identity, DateTimeOffset.MinValue, default) + 1);
    }

    [Fact]
    public async Task OnlyManagersInviteAndAPartnerWithManagersInvitesItsOwnPeople()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);
        await host.Transcript(People.Dirk)
            .Send("invite Globex").ExpectCard(CardKind.Error, c => Assert.Contains("Only the alliance's managers", People.Texts(c), StringComparison.Ordinal))
            .As(People.Anna).Send("invite Globex").ExpectCard(CardKind.Error, c => Assert.Contains("already has managers", People.Texts(c), StringComparison.Ordinal))
            .As(People.Olga).Send("invite Acme").ExpectCard(CardKind.Info, c => Assert.Equal("No alliance yet", c.Title))
            .As(People.Eva).Send("uitnodigen").ExpectCard(CardKind.Error, c => Assert.Contains("Alleen de managers", People.Texts(c), StringComparison.Ordinal))
            .As(People.Bram).Send("revoke code").ExpectCard(CardKind.Choice, c => Assert.Equal(4, c.Actions.Count))
            .RunAsync();
    }

    [Fact]
    public async Task InvitingANewOrganisationAddsItAsPartnerWithAManagerCode()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.CreateAsync(host);
        string code = "";
        await host.Transcript(People.Anna).Send("invite Umbrella Corp").ExpectCard(CardKind.Info, c =>
        {
            code = People.CodeOf(c);
            Assert.Contains("Makes you: manager of the partner", People.Texts(c), StringComparison.Ordinal);
            Assert.Contains("Valid until: 16 March 2026 10:00", People.Texts(c), StringComparison.Ordinal);
        }).RunAsync();
        await Scenario.JoinAsync(host, People.Olga, code);
        var olga = Assert.Single(await host.Database.ListMyAlliancesAsync(People.Olga.Identity, default));
        Assert.Equal((MemberRole.Manager, "Umbrella Corp"), (olga.Role, olga.PartnerName));
        Assert.Equal(JoinCodeStatus.Valid, (await host.Database.RedeemJoinCodeAsync(host.JoinCodes, code, host.Time.GetUtcNow(), default)).Status);
    }
}
