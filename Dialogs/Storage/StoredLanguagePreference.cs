using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Storage;

/// <summary>
/// Language choices from the database: the person's "language nl/en" (kept on their memberships) and the default
/// language of their (first) alliance.
/// </summary>
public sealed class StoredLanguagePreference(Database database) : ILanguagePreference
{
    public async ValueTask<Language?> UserLanguageAsync(MemberIdentity identity, CancellationToken cancellationToken)
    {
        foreach (var alliance in await database.ListMyAlliancesAsync(identity, cancellationToken))
        {
            var member = await database.GetMemberAsync(alliance.MemberId, cancellationToken);
            if (member?.LanguageOverride is { Length: > 0 } code)
            {
                return Languages.FromLocale(code);
            }
        }

        return null;
    }

    public async ValueTask<Language?> AllianceDefaultAsync(MemberIdentity identity, CancellationToken cancellationToken)
    {
        var mine = await database.ListMyAlliancesAsync(identity, cancellationToken);
        if (mine.Count == 0)
        {
            return null;
        }

        var alliance = await database.GetAllianceAsync(mine[0].AllianceId, cancellationToken);
        return alliance is null ? null : Languages.FromLocale(alliance.Locale);
    }
}
