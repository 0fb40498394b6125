using AllianceBot.Bot.Teams.Outbound;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Alliances;
using AllianceBot.Dialogs.Channels;

namespace AllianceBot.Bot.Teams.Roster;

/// <summary>
/// The roster of a Teams team or group chat, read page by page from <c>GET /v3/conversations/{id}/pagedmembers</c>
/// until no continuation token comes back. Channel conversations carry the thread as <c>;messageid=…</c>; the
/// roster belongs to the conversation without it. Bots (28:…) are left out.
/// </summary>
public sealed class TeamsRosterSource(TeamsMessenger messenger, ILogger<TeamsRosterSource> logger) : IRosterSource
{
    /// <summary>The largest page Teams serves; fewer calls against the per-conversation rate limit.</summary>
    public const int PageSize = 500;

    /// <summary>A runaway continuation loop stops here (Teams teams have at most 25,000 members).</summary>
    public const int MaxPages = 60;

    public string Channel => MemberIdentity.Teams;

    public async Task<Dialogs.Alliances.Roster> GetRosterAsync(ConversationReference conversation, CancellationToken cancellationToken)
    {
        if (conversation.ServiceUrl is not { Length: > 0 } serviceUrl || conversation.ConversationId is not { Length: > 0 } conversationId)
        {
            return Dialogs.Alliances.Roster.Failure(RosterStatus.NotAGroup);
        }

        var rosterId = conversationId.Split(";messageid=", 2, StringSplitOptions.None)[0];
        var entries = new List<RosterEntry>();
        string? token = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var (result, members) = await messenger.GetPagedMembersAsync(serviceUrl, rosterId, PageSize, token, cancellationToken);
            if (result.Status != DeliveryStatus.Sent || members is null)
            {
                logger.LogWarning("Roster of {Conversation} failed on page {Page}: {Status} {Error}", rosterId, page + 1, result.Status, result.Error);
                return Dialogs.Alliances.Roster.Failure(RosterStatus.Failed);
            }

            entries.AddRange(members.Members
                .Where(m => !m.Id.StartsWith("28:", StringComparison.Ordinal))
                .Select(m => new RosterEntry(
                    new ConversationReference(MemberIdentity.Teams, m.TenantId ?? conversation.TenantId, m.Id, serviceUrl, null,
                        conversation.BotId, conversation.BotName, m.AadObjectId),
                    m.Name)));
            token = members.ContinuationToken;
            if (token is null)
            {
                return new Dialogs.Alliances.Roster(RosterStatus.Ok, entries);
            }
        }

        logger.LogWarning("Roster of {Conversation} still had more pages after {Pages}; stopped", rosterId, MaxPages);
        return new Dialogs.Alliances.Roster(RosterStatus.Ok, entries);
    }
}
