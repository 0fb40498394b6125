using System.Collections.Immutable;
using System.Text.Json;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Turns;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Tests.Harness;

/// <summary>
/// A conversation written down as a test, in the spirit of the Agents SDK's TestFlow: an immutable builder of
/// inputs (Send, Click, Install) and expectations on the replies, run with <see cref="RunAsync"/>.
/// <code>
/// await new Transcript(handler)
///     .Send("help").ExpectCard(CardKind.Help, c => Assert.Equal("What I can do", c.Title))
///     .As(TranscriptUser.Bram).Send("hulp").ExpectCard(CardKind.Help)
///     .ClickButton("Waar staan we?").ExpectCard(CardKind.HealthCheck)
///     .RunAsync();
/// </code>
/// Replies are consumed in order; a reply nobody expected fails the transcript at the next input or at the end.
/// An answer the router sends privately (asked in a group chat or channel) is expected with ExpectPrivateCard /
/// ExpectPrivateMessage; the room then gets the "sent privately" note as an ordinary reply.
/// Every reply is also checked for missing translations ("⟦key⟧") and for surviving a JSON round trip (the outbox
/// stores views as JSON).
/// </summary>
public sealed class Transcript
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ITurnHandler handler;
    private readonly TranscriptUser user;
    private readonly ImmutableList<Func<RunState, Task>> steps;

    public Transcript(ITurnHandler handler, TranscriptUser? user = null)
        : this(handler, user ?? TranscriptUser.Anna, [])
    {
    }

    private Transcript(ITurnHandler handler, TranscriptUser user, ImmutableList<Func<RunState, Task>> steps)
    {
        this.handler = handler;
        this.user = user;
        this.steps = steps;
    }

    /// <summary>The following inputs come from this person.</summary>
    public Transcript As(TranscriptUser next) => new(handler, next, steps);

    /// <summary>The current person's client reports this locale from now on.</summary>
    public Transcript InLocale(string? locale) => As(user.InLocale(locale));

    public Transcript Send(string? text) =>
        Input(u => Turn(u, TurnKind.Message, text, null), $"send \"{Clip(text)}\"");

    public Transcript Click(string verb, IReadOnlyDictionary<string, string>? values = null) =>
        Input(u => Turn(u, TurnKind.CardAction, null, new TurnAction(verb, values ?? ImmutableDictionary<string, string>.Empty)), $"click {verb}");

    /// <summary>Clicks the button with this title on the most recent card, sending its verb and data like a channel would.</summary>
    public Transcript ClickButton(string title, IReadOnlyDictionary<string, string>? inputs = null) => Step(async state =>
    {
        var button = state.LastCards
            .SelectMany(c => c.Actions.OfType<SubmitAction>())
            .FirstOrDefault(a => string.Equals(a.Title, title, StringComparison.Ordinal));
        Assert.True(button is not null,
            $"No button \"{title}\" on the last card; it has: {string.Join(", ", state.LastCards.SelectMany(c => c.Actions).Select(a => $"\"{a.Title}\""))}");
        var values = new Dictionary<string, string>(button.Data, StringComparer.Ordinal);
        foreach (var (key, value) in inputs ?? ImmutableDictionary<string, string>.Empty)
        {
            values[key] = value;
        }

        await state.DeliverAsync(Turn(user, TurnKind.CardAction, null, new TurnAction(button.Verb, values)), $"click \"{title}\"");
    });

    public Transcript Install() => Input(u => Turn(u, TurnKind.Installed, null, null), "install");

    public Transcript Uninstall() => Input(u => Turn(u, TurnKind.Uninstalled, null, null), "uninstall");

    /// <summary>Runs arbitrary code between turns, e.g. advancing a fake clock.</summary>
    public Transcript Then(Action action) => Step(_ =>
    {
        action();
        return Task.CompletedTask;
    });

    public Transcript ExpectCard(CardKind kind, Action<CardView>? assert = null) => Expect<CardView>(card =>
    {
        Assert.True(card.Kind == kind, $"Expected a {kind} card, got a {card.Kind} card \"{card.Title}\".");
        assert?.Invoke(card);
    });

    public Transcript ExpectMessage(Action<MessageView>? assert = null) => Expect<MessageView>(m => assert?.Invoke(m));

    public Transcript ExpectMessage(string containing) =>
        ExpectMessage(m => Assert.Contains(containing, m.Text, StringComparison.Ordinal));

    /// <summary>A card that went to the asker's personal chat instead of the conversation they asked in.</summary>
    public Transcript ExpectPrivateCard(CardKind kind, Action<CardView>? assert = null) => ExpectPrivate<CardView>(card =>
    {
        Assert.True(card.Kind == kind, $"Expected a private {kind} card, got a {card.Kind} card \"{card.Title}\".");
        assert?.Invoke(card);
    });

    public Transcript ExpectPrivateMessage(string containing) =>
        ExpectPrivate<MessageView>(m => Assert.Contains(containing, m.Text, StringComparison.Ordinal));

    /// <summary>Drops the private replies not yet expected.</summary>
    public Transcript SkipPrivate() => Step(state =>
    {
        Assert.True(state.PendingPrivate.Count > 0, $"Expected something private after {state.LastInput}, but nothing went privately.");
        state.PendingPrivate.Clear();
        return Task.CompletedTask;
    });

    /// <summary>The note in the room that the answer went to the personal chat.</summary>
    public Transcript ExpectSentPrivatelyNote() => Expect<MessageView>(m => Assert.True(
        m.Text.Contains("personal chat", StringComparison.Ordinal) || m.Text.Contains("privéchat", StringComparison.Ordinal),
        $"Expected the sent-privately note, got \"{m.Text}\"."));

    /// <summary>Expects the turn to have replaced the card its action came from.</summary>
    public Transcript ExpectReplacedCard(CardKind kind, Action<CardView>? assert = null) => Step(state =>
    {
        var card = Assert.IsType<CardView>(state.ReplaceCard);
        Assert.Equal(kind, card.Kind);
        assert?.Invoke(card);
        state.ReplaceCard = null;
        return Task.CompletedTask;
    });

    public Transcript ExpectNoReply() => Step(state =>
    {
        if (state.Pending.TryPeek(out var unexpected))
        {
            Assert.Fail($"Expected no reply after {state.LastInput}, got {Describe(unexpected)}.");
        }

        return Task.CompletedTask;
    });

    /// <summary>Drops the replies not yet expected (when a test only cares about the first ones).</summary>
    public Transcript SkipRest() => Step(state =>
    {
        state.Pending.Clear();
        return Task.CompletedTask;
    });

    public async Task RunAsync()
    {
        var state = new RunState(handler);
        foreach (var step in steps)
        {
            await step(state);
        }

        state.AssertAllConsumed("the end of the transcript");
    }

    private Transcript ExpectPrivate<TView>(Action<TView> assert)
        where TView : View => Step(state =>
    {
        Assert.True(state.PendingPrivate.Count > 0, $"Expected a private {typeof(TView).Name} after {state.LastInput}, but nothing (more) went privately.");
        var view = state.PendingPrivate.Dequeue();
        Assert.True(view is TView, $"Expected a private {typeof(TView).Name} after {state.LastInput}, got {Describe(view)}.");
        assert((TView)view);
        return Task.CompletedTask;
    });

    private Transcript Expect<TView>(Action<TView> assert)
        where TView : View => Step(state =>
    {
        Assert.True(state.Pending.Count > 0, $"Expected a {typeof(TView).Name} after {state.LastInput}, but there was no (further) reply.");
        var view = state.Pending.Dequeue();
        Assert.True(view is TView, $"Expected a {typeof(TView).Name} after {state.LastInput}, got {Describe(view)}.");
        assert((TView)view);
        return Task.CompletedTask;
    });

    private Transcript Input(Func<TranscriptUser, Turn> turn, string description) =>
        Step(state => state.DeliverAsync(turn(user), description));

    private Transcript Step(Func<RunState, Task> step) => new(handler, user, steps.Add(step));

    private static Turn Turn(TranscriptUser from, TurnKind kind, string? text, TurnAction? action) => new(
        kind, from.Identity, from.DisplayName, from.Conversation, from.ConversationKind, from.Locale, from.TimeZone,
        text, action, Guid.NewGuid().ToString("N"), null, DateTimeOffset.UnixEpoch);

    private static string Describe(View view) => view switch
    {
        CardView card => $"a {card.Kind} card \"{card.Title}\"",
        MessageView message => $"the message \"{Clip(message.Text)}\"",
        _ => view.GetType().Name,
    };

    private static string Clip(string? text) => text is null ? "(null)" : text.Length <= 60 ? text : text[..57] + "...";

    private sealed class RunState(ITurnHandler handler)
    {
        public Queue<View> Pending { get; } = new();

        public Queue<View> PendingPrivate { get; } = new();

        public IReadOnlyList<CardView> LastCards { get; private set; } = [];

        public View? ReplaceCard { get; set; }

        public string LastInput { get; private set; } = "the start";

        public async Task DeliverAsync(Turn turn, string description)
        {
            AssertAllConsumed(description);
            LastInput = description;
            var result = await handler.HandleAsync(turn, CancellationToken.None);
            var privately = result.Private?.Views ?? [];
            IEnumerable<View?> all = [.. result.Replies, result.ReplaceCard, .. privately, result.Private?.SentNote, result.Private?.FailedNote];
            foreach (var view in all.OfType<View>())
            {
                AssertWellFormed(view);
            }

            foreach (var view in result.Replies)
            {
                Pending.Enqueue(view);
            }

            if (result.Private is { } answer)
            {
                Assert.True(turn.IsShared, $"{description} was answered privately in a personal chat, where the answer belongs in the chat itself.");
                Pending.Enqueue(answer.SentNote);
                foreach (var view in answer.Views)
                {
                    PendingPrivate.Enqueue(view);
                }
            }

            ReplaceCard = result.ReplaceCard;
            var cards = result.Replies.Concat(privately).OfType<CardView>().ToList();
            if (result.ReplaceCard is CardView replaced)
            {
                cards.Add(replaced);
            }

            if (cards.Count > 0)
            {
                LastCards = cards;
            }
        }

        public void AssertAllConsumed(string before)
        {
            Assert.True(Pending.Count == 0, $"Unexpected reply before {before}: {(Pending.Count > 0 ? Describe(Pending.Peek()) : "")}.");
            Assert.True(PendingPrivate.Count == 0, $"Unexpected private reply before {before}: {(PendingPrivate.Count > 0 ? Describe(PendingPrivate.Peek()) : "")}.");
        }

        private static void AssertWellFormed(View view)
        {
            var json = JsonSerializer.Serialize(view, Json);
            Assert.DoesNotContain(Texts.MissingMarkerStart, json, StringComparison.Ordinal);
            var back = JsonSerializer.Deserialize<View>(json, Json);
            Assert.Equal(json, JsonSerializer.Serialize(back, Json));
        }
    }
}
