using AllianceBot.Dialogs.Access;
using AllianceBot.Dialogs.Intents;

namespace AllianceBot.Dialogs.Routing;

/// <summary>
/// The declared keys a dialog answers: intents (typed or clicked via <see cref="DialogVerbs.RunIntent"/>), card
/// verbs, and the install event. Each key belongs to exactly one dialog; a second claim stops the host at start-up.
/// Every route has an <see cref="Audience"/>: intents take theirs from <see cref="AudiencePolicy"/>, card verbs declare
/// theirs here, so nothing reaches a group chat or channel without a decision about who may read it. Every route also
/// declares what it requires (<see cref="Requirement"/>): an <see cref="Operation"/> the router authorizes before the
/// handler runs (the handler gets the resolved <see cref="AllianceScope"/>), or explicitly nothing (OnOpenIntent,
/// OnOpenVerb).
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

    /// <summary>Every route, keyed as the route table shows it: intents by their key, verbs as themselves, "installed".</summary>
    internal IEnumerable<(string Key, Route Route)> All =>
        intents.Select(i => ($"intent:{i.Key.Key()}", i.Value))
            .Concat(verbs.Select(v => ($"verb:{v.Key}", v.Value)))
            .Concat(installed is null ? [] : [("installed", installed)]);

    /// <summary>An intent that acts on an alliance: the router authorizes <paramref name="operation"/> first.</summary>
    public DialogRoutes OnIntent(Intent intent, Operation operation, ScopedHandler handler, Precheck? first = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Claim(intents, intent, new Route(Owner, AudiencePolicy.Of(intent), Requirement.To(operation, intent), null, handler, first), $"intent '{intent.Key()}'");
        return this;
    }

    /// <summary>An intent anyone may use, in an alliance or not (<see cref="Requirement.None"/>).</summary>
    public DialogRoutes OnOpenIntent(Intent intent, DialogHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Claim(intents, intent, new Route(Owner, AudiencePolicy.Of(intent), Requirement.None, handler, null, null), $"intent '{intent.Key()}'");
        return this;
    }

    /// <summary>
    /// A card verb that acts on an alliance (the card names it), with who may read its answer and what the clicker must
    /// be allowed; <paramref name="rerun"/> is the intent a "which alliance?" button runs when the card named none.
    /// </summary>
    public DialogRoutes OnVerb(string verb, Audience audience, Operation operation, Intent rerun, ScopedHandler handler, Precheck? first = null) =>
        OnVerb(verb, audience, Requirement.To(operation, rerun), handler, first);

    /// <summary>A card verb whose operation depends on what the card says (<see cref="Requirement.OneOf"/>).</summary>
    public DialogRoutes OnVerb(string verb, Audience audience, Requirement requirement, ScopedHandler handler, Precheck? first = null)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(handler);
        if (requirement.IsOpen)
        {
            throw new ArgumentException($"Verb '{verb}' is open: register it with {nameof(OnOpenVerb)}.", nameof(requirement));
        }

        ClaimVerb(verb, new Route(Owner, audience, requirement, null, handler, first));
        return this;
    }

    /// <summary>A card verb anyone may click, in an alliance or not, with who may read its answer.</summary>
    public DialogRoutes OnOpenVerb(string verb, Audience audience, DialogHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ClaimVerb(verb, new Route(Owner, audience, Requirement.None, handler, null, null));
        return this;
    }

    private void ClaimVerb(string verb, Route route)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verb);
        if (string.Equals(verb, DialogVerbs.RunIntent, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{DialogVerbs.RunIntent}' is the router's own verb; register the intent with OnIntent instead.");
        }

        if (!Enum.IsDefined(route.Audience))
        {
            throw new ArgumentOutOfRangeException("audience", route.Audience, $"Verb '{verb}' needs a declared audience.");
        }

        Claim(verbs, verb, route, $"verb '{verb}'");
    }

    /// <summary>The bot was added to a conversation (the welcome card).</summary>
    public DialogRoutes OnInstalled(DialogHandler handler)
    {
        if (installed is not null)
        {
            throw Conflict("the install event", installed.Owner);
        }

        ArgumentNullException.ThrowIfNull(handler);
        installed = new Route(Owner, Audience.Anyone, Requirement.None, handler, null, null);
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

    private void Claim<TKey>(Dictionary<TKey, Route> table, TKey key, Route route, string what)
        where TKey : notnull
    {
        if (table.TryGetValue(key, out var existing))
        {
            throw Conflict(what, existing.Owner);
        }

        table[key] = route;
    }

    private InvalidOperationException Conflict(string what, string existingOwner) =>
        new($"{Owner} registers {what}, which {existingOwner} already handles. Each intent and verb belongs to one dialog.");

    /// <summary>
    /// One declared key: its owner, audience and <see cref="Requirement"/>, and the handler — <paramref name="Open"/>
    /// for an open route, <paramref name="Scoped"/> (after <paramref name="First"/> and authorization) otherwise.
    /// </summary>
    internal sealed record Route(string Owner, Audience Audience, Requirement Requirement, DialogHandler? Open, ScopedHandler? Scoped, Precheck? First);
}
