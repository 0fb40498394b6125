using AllianceBot.Data.Members;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Localization;

/// <summary>
/// Port to the stored language choices. The "language nl/en" command and the alliance settings write them (their
/// owners implement this against storage); the router only reads. Returning null means "no explicit choice".
/// </summary>
public interface ILanguagePreference
{
    /// <summary>The language the person chose explicitly with "language en" / "taal nl".</summary>
    ValueTask<Language?> UserLanguageAsync(MemberIdentity identity, CancellationToken cancellationToken);

    /// <summary>The default language of the person's alliance (the first one when they are in several).</summary>
    ValueTask<Language?> AllianceDefaultAsync(MemberIdentity identity, CancellationToken cancellationToken);
}

/// <summary>No stored choices: used until storage registers a real <see cref="ILanguagePreference"/>.</summary>
public sealed class NoLanguagePreference : ILanguagePreference
{
    public ValueTask<Language?> UserLanguageAsync(MemberIdentity identity, CancellationToken cancellationToken) => ValueTask.FromResult<Language?>(null);

    public ValueTask<Language?> AllianceDefaultAsync(MemberIdentity identity, CancellationToken cancellationToken) => ValueTask.FromResult<Language?>(null);
}
