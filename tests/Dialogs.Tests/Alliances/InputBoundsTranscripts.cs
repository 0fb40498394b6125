using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Tests.Alliances;

/// <summary>
/// What people type is bounded, with a message that names the limit: at most 20 partners per alliance (the creator's
/// organisation included) and names of at most 100 characters. Before, one line with 1,500 partner names was stored
/// and every card listing them failed.
/// </summary>
public sealed class InputBoundsTranscripts
{
    private static string Names(int count, string prefix = "Partner") => string.Join(", ", Enumerable.Range(1, count).Select(i => $"{prefix} {i}"));

    [Fact]
    public async Task OneLineWithFifteenHundredPartnersIsRefusedNamingTheLimitAndNothingIsStored()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await host.Transcript(People.Anna)
            .Send($"create alliance \"Big\" as Acme with {Names(1500)}")
            .ExpectCard(CardKind.Error, c => Assert.Contains("at most 20 partners", People.Texts(c), StringComparison.Ordinal))
            .RunAsync();

        Assert.Empty(await host.Database.ListMyAlliancesAsync(People.Anna.Identity, default));
    }

    [Fact]
    public async Task TwentyPartnersFitExactly()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await host.Transcript(People.Anna)
            .Send($"create alliance \"Twenty\" as Acme with {Names(19)} tz Europe/Amsterdam lang en")
            .ExpectCard(CardKind.Info, c => Assert.Contains("created", c.Title, StringComparison.Ordinal))
            .RunAsync();

        var mine = Assert.Single(await host.Database.ListMyAlliancesAsync(People.Anna.Identity, default));
        Assert.Equal(20, (await host.Database.ListPartnersAsync(mine.AllianceId, default)).Count);
    }

    [Fact]
    public async Task TheGuidedPartnersStepRefusesTooManyInDutchAndAsksAgain()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await host.Transcript(People.Bram)
            .Send("nieuwe alliantie Dell–Getronics").ExpectCard(CardKind.Choice)
            .Send("Getronics").ExpectCard(CardKind.Choice)
            .Send(Names(25)).ExpectMessage("Een alliantie kan hoogstens 20 partners hebben").ExpectCard(CardKind.Choice)
            .Send("Dell").ExpectCard(CardKind.Choice, c => Assert.Contains("tijdzone", People.Texts(c), StringComparison.Ordinal))
            .RunAsync();
    }

    [Fact]
    public async Task InvitingANewPartnerIntoAFullAllianceIsRefusedButExistingPartnersCanStillBeInvited()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await host.Transcript(People.Anna)
            .Send($"create alliance \"Full\" as Acme with {Names(19)} tz Europe/Amsterdam lang en").ExpectCard(CardKind.Info)
            .Send("invite Newco").ExpectMessage("This alliance already has 20 partners")
            .Send("invite Partner 7").ExpectCard(CardKind.Info, c => Assert.Contains("Partner 7", c.Title, StringComparison.Ordinal))
            .RunAsync();

        var mine = Assert.Single(await host.Database.ListMyAlliancesAsync(People.Anna.Identity, default));
        Assert.Equal(20, (await host.Database.ListPartnersAsync(mine.AllianceId, default)).Count);
    }

    [Fact]
    public async Task AnInviteForANameOverTheLimitSaysSoInsteadOfInvitingTheOwnOrganisation()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.CreateAsync(host);
        await host.Transcript(People.Anna)
            .Send("invite " + new string('X', 101)).ExpectMessage("Please type a name of 1 to 100 characters.")
            .RunAsync();

        var mine = Assert.Single(await host.Database.ListMyAlliancesAsync(People.Anna.Identity, default));
        Assert.Equal(3, (await host.Database.ListPartnersAsync(mine.AllianceId, default)).Count);
    }
}
