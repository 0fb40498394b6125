using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Routing;
using AllianceBot.Dialogs.Turns;

namespace AllianceBot.Dialogs.Access;

/// <summary>What a route that acts on an alliance runs: the turn, and the scope the router already authorized.</summary>
public delegate Task<TurnResult> ScopedHandler(DialogContext context, AllianceScope scope);

/// <summary>
/// A check a route makes before authorization, about the turn itself rather than the person: a card meant for someone
/// else, a room command typed in a personal chat, a number missing from "done". An answer stops the turn there (and
/// stores nothing); null goes on to authorization.
/// </summary>
public delegate Task<TurnResult?> Precheck(DialogContext context);

/// <summary>
/// What a route requires of the caller, declared with the route (<see cref="DialogRoutes"/>) and checked by the router
/// before the handler runs: either nothing (<see cref="None"/>: help, explain, join, create, demo, language, my data,
/// forget me), or an <see cref="Operation"/> the caller must be allowed in the alliance the turn is about
/// (<see cref="AllianceScopes"/> and <see cref="AccessPolicy"/> decide). A refused turn never reaches the handler.
/// </summary>
public sealed class Requirement
{
    private readonly Intent? rerun;
    private readonly Func<DialogContext, (Operation Operation, Intent Rerun)>? perTurn;

    private Requirement(IReadOnlyList<Operation> operations, Intent? rerun, Func<DialogContext, (Operation, Intent)>? perTurn)
    {
        Operations = operations;
        this.rerun = rerun;
        this.perTurn = perTurn;
    }

    /// <summary>Open to anyone, in an alliance or not: the handler gets no scope.</summary>
    public static Requirement None { get; } = new([], null, null);

    /// <summary>
    /// The caller must be allowed <paramref name="operation"/>; <paramref name="rerun"/> is the intent the "which
    /// alliance?" card's buttons run again when the turn did not say which alliance (and the caller is in several).
    /// </summary>
    public static Requirement To(Operation operation, Intent rerun)
    {
        if (!Enum.IsDefined(operation))
        {
            throw new ArgumentOutOfRangeException(nameof(operation), operation, "Declare a named operation.");
        }

        return new Requirement([operation], rerun, null);
    }

    /// <summary>
    /// The operation depends on the turn (a card that names what it does: remove or promote); <paramref name="possible"/>
    /// lists every operation <paramref name="pick"/> can return, so the route table still says what the route may do.
    /// </summary>
    public static Requirement OneOf(Func<DialogContext, (Operation Operation, Intent Rerun)> pick, params Operation[] possible)
    {
        ArgumentNullException.ThrowIfNull(pick);
        if (possible.Length == 0 || possible.Any(o => !Enum.IsDefined(o)))
        {
            throw new ArgumentException("Name every operation the route may need.", nameof(possible));
        }

        return new Requirement(possible, null, pick);
    }

    /// <summary>The operations the route may need; empty for an open route.</summary>
    public IReadOnlyList<Operation> Operations { get; }

    public bool IsOpen => Operations.Count == 0;

    /// <summary>The operation this turn needs and the intent a "which alliance?" button re-runs.</summary>
    internal (Operation Operation, Intent Rerun) For(DialogContext context)
    {
        if (perTurn is not null)
        {
            var picked = perTurn(context);
            return Operations.Contains(picked.Operation)
                ? picked
                : throw new InvalidOperationException($"The route picked {picked.Operation}, which it did not declare.");
        }

        return IsOpen ? throw new InvalidOperationException("An open route needs no operation.") : (Operations[0], rerun!.Value);
    }
}
