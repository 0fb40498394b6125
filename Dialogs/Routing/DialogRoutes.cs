using AllianceBot.Dialogs.Intents;

namespace AllianceBot.Dialogs.Routing;

/// <summary>
/// The declared keys a dialog answers: intents (typed or clicked via <see cref="DialogVerbs.RunIntent"/>), card
/// verbs, and the install event. Each key belongs to exactly one dialog; a second claim stops the host at start-up.
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
        Claim(intents, intent, handler, $"intent '{intent.Key()}'");
        return this;
    }

    public DialogRoutes OnVerb(string verb, DialogHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verb);
        if (string.Equals(verb, DialogVerbs.RunIntent, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{DialogVerbs.RunIntent}' is the router's own verb; register the intent with OnIntent instead.");
        }

        Claim(verbs, verb, handler, $"verb '{verb}'");
        return this;
    }

    /// <summary>The bot was added to a conversation (the welcome card).</summary>
    public DialogRoutes OnInstalled(DialogHandler handler)
    {
        if (installed is not null)
        {
            throw Conflict("the install event", installed.Owner);
        }

        installed = new Route(handler, Owner);
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

    private void Claim<TKey>(Dictionary<TKey, Route> table, TKey key, DialogHandler handler, string what)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (table.TryGetValue(key, out var existing))
        {
            throw Conflict(what, existing.Owner);
        }

        table[key] = new Route(handler, Owner);
    }

    private InvalidOperationException Conflict(string what, string existingOwner) =>
        new($"{Owner} registers {what}, which {existingOwner} already handles. Each intent and verb belongs to one dialog.");

    internal sealed record Route(DialogHandler Handler, string Owner);
}
