using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Tests.Alliances;

/// <summary>Builds the cross-company alliance through the dialogs themselves: Anna creates, the others join by code.</summary>
public static class Scenario
{
    public const string OneLine = "create alliance \"Acme–Globex\" as Acme with Globex, Initech tz Europe/Amsterdam lang en";

    public static async Task CreateAsync(AllianceTestHost host) =>
        await host.Transcript(People.Anna).Send(OneLine).ExpectCard(CardKind.Info, c => Assert.Contains("created", c.Title, StringComparison.Ordinal)).RunAsync();

    public static async Task<string> InviteAsync(AllianceTestHost host, TranscriptUser manager, string organisation)
    {
        var code = "";
        await host.Transcript(manager).Send($"invite {organisation}".TrimEnd()).ExpectCard(CardKind.Info, c => code = People.CodeOf(c)).RunAsync();
        return code;
    }

    public static async Task JoinAsync(AllianceTestHost host, TranscriptUser person, string code) =>
        await host.Transcript(person).Send($"join {code}").ExpectCard(CardKind.Welcome).RunAsync();

    /// <summary>Acme: Anna (manager), Dirk; Globex: Bram (manager), Eva; Initech: Chris on Slack (manager).</summary>
    public static async Task FullAsync(AllianceTestHost host)
    {
        await CreateAsync(host);
        await JoinAsync(host, People.Bram, await InviteAsync(host, People.Anna, "Globex"));
        await JoinAsync(host, People.Chris, await InviteAsync(host, People.Anna, "Initech"));
        await JoinAsync(host, People.Dirk, await InviteAsync(host, People.Anna, ""));
        await JoinAsync(host, People.Eva, await InviteAsync(host, People.Bram, ""));
    }
}
