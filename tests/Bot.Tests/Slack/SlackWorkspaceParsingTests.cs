using System.Text;
using AllianceBot.Bot.Slack.Inbound;
using Microsoft.AspNetCore.WebUtilities;

namespace AllianceBot.Bot.Tests.Slack;

/// <summary>Which workspace a request is from (the person's identity) and which installation answers it.</summary>
public sealed class SlackWorkspaceParsingTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Fact]
    public void AClickInASharedChannelIsThePartnersIdentityAnsweredByTheReceivingWorkspace()
    {
        var payload = """
            {"type":"block_actions","user":{"id":"UX1","team_id":"T0X"},"team":{"id":"T0B","enterprise_id":"E0B"},
             "channel":{"id":"C0SHARED","name":"shared"},"container":{"type":"message","message_ts":"1.1","channel_id":"C0SHARED"},
             "message":{"ts":"1.1"},"actions":[{"type":"button","action_id":"alliance.submit.0","value":"{\"v\":\"help\",\"d\":{},\"i\":false}","action_ts":"2.2"}]}
            """;

        var work = Assert.IsType<SlackParse.Work>(SlackInteractionParser.Parse(payload, Now)).Inbound;

        Assert.Equal(("T0X", "T0B", "E0B"), (work.TeamId, work.AnsweringTeamId, work.EnterpriseId));
    }

    [Fact]
    public void AMentionFromAnotherWorkspaceKeepsTheirTeamAndTheEnvelopesInstallation()
    {
        var body = SlackRequests.Envelope("Ev1", """{"type":"app_mention","user":"UX1","user_team":"T0X","team":"T0X","text":"hi","ts":"1.1","channel":"C0SHARED"}""", "T0B");

        var work = Assert.IsType<SlackParse.Work>(SlackEventParser.Parse(Encoding.UTF8.GetBytes(body), Now)).Inbound;

        Assert.Equal(("T0X", "T0B"), (work.TeamId, work.AnsweringTeamId));
    }

    [Fact]
    public void UninstallAndBotTokenRevocationEndTheInstallationAUserTokenRevocationDoesNot()
    {
        static SlackParse Parse(string inner) => SlackEventParser.Parse(Encoding.UTF8.GetBytes(SlackRequests.Envelope("Ev1", inner, "T0B")), Now);

        Assert.Equal(new SlackParse.Uninstalled("T0B", null, false, "slack: app_uninstalled"), Parse("""{"type":"app_uninstalled"}"""));
        Assert.Equal(new SlackParse.Uninstalled("T0B", null, false, "slack: tokens_revoked"), Parse("""{"type":"tokens_revoked","tokens":{"bot":["UBOT"]}}"""));
        Assert.IsType<SlackParse.Ignore>(Parse("""{"type":"tokens_revoked","tokens":{"oauth":["U1"]}}"""));
    }

    [Fact]
    public void ASlashCommandCarriesItsGridOrg()
    {
        var form = QueryHelpers.ParseQuery("team_id=T0B&enterprise_id=E0B&user_id=U1&command=%2Falliance&text=help");

        var work = Assert.IsType<SlackParse.Work>(SlackCommandParser.Parse(form, Now)).Inbound;

        Assert.Equal(("T0B", "E0B", "T0B"), (work.TeamId, work.EnterpriseId, work.AnsweringTeamId));
    }
}
