using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Intents;

namespace AllianceBot.Dialogs.Routing;

/// <summary>
/// The declared keys a dialog answers: intents (typed or clicked via <see cref="DialogVerbs.RunIntent"/>), card
/// verbs, and the install event. Each key belongs to exactly one dialog; a second claim stops the host at start-up.
/// Every route has an <see cref="Audience"/>: intents take theirs from <see cref="AudiencePolicy"/>, card verbs declare
/// theirs here, so nothing reaches a group chat or channel without a decision about who may read it.
/// </summary>
public sealed class DialogRoutes
{
    private readonly Dictionary<Intent, Route> intents = [];
    private readonly Dictionary<string, Route> verbs = new(StringComparer.Ordinal);
    private Route? installed;
    private IDialog? current;

    internal IReadOnlyDictionary<Intent, Route> Intents => intents;

    internal IReadOnlyDictionary<string, Route> Verbs => verbs;

    internal Route? Installed => installed;

    public DialogRoutes OnIntent(Intent intent, DialogHandler handler)
    {
        Claim(intents, intent, handler, AudiencePolicy.Of(intent), $"intent '{intent.Key()}'");
        return this;
    }

    /// <summary>A card verb, with who may read its answer (a click in a group chat or channel is answered accordingly).</summary>
    public DialogRoutes OnVerb(string verb, Audience audience, DialogHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verb);
        if (string.Equals(verb, DialogVerbs.RunIntent, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{DialogVerbs.RunIntent}' is the router's own verb; register the intent with OnIntent instead.");
        }

        if (!Enum.IsDefined(audience))
        {
            throw new ArgumentOutOfRangeException(nameof(audience), audience, $"Verb '{verb}' needs a declared audience.");
        }

        Claim(verbs, verb, handler, audience, $"verb '{verb}'");
        return this;
    }

    /// <summary>The bot was added to a conversation (the welcome card).</summary>
    public DialogRoutes OnInstalled(DialogHandler handler)
    {
        if (installed is not null)
        {
            throw Conflict("the install event", installed.Owner);
        }

        installed = new Route(handler, Owner, Audience.Anyone);
        return this;
    }

    internal void RegisterFrom(IDialog dialog)
    {
        current = dialog;
        try
        {
            dialog.Register(this);
        }
        finally
        {
            current = null;
        }
    }

    private string Owner => current?.GetType().Name ?? "unknown dialog";

    private void Claim<TKey>(Dictionary<TKey, Route> table, TKey key, DialogHandler handler, Audience audience, string what)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (table.TryGetValue(key, out var existing))
        {
            throw Conflict(what, existing.Owner);
        }

        table[key] = new Route(handler, Owner, audience);
    }

    private InvalidOperationException Conflict(string what, string existingOwner) =>
        new($"{Owner} registers {what}, which {existingOwner} already handles. Each intent and verb belongs to one dialog.");

    internal sealed record Route(DialogHandler Handler, string Owner, Audience Audience);
}
