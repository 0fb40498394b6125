namespace AllianceBot.ConnectorStandIn;

/// <summary>
/// The stand-in's memory: rate windows (its own sliding-window log, deliberately independent of the bot's limiter
/// so it judges rather than mirrors it) and a record of everything accepted. Thread-safe through one lock.
/// </summary>
public sealed class ConnectorState(StandInOptions options, TimeProvider time)
{
    private readonly object gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> tenantWindows = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Conversation, int Window), Queue<DateTimeOffset>> conversationWindows = [];
    private readonly Dictionary<string, (string Tenant, string User)> conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> messagesPerMember = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> textsPerMember = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> failuresServed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TenantStats> tenants = new(StringComparer.Ordinal);
    private long activitySequence;
    private int answersHeld;
    private int openConnections;
    private int requestsInFlight;

    public StandInOptions Options { get; } = options;

    public TimeProvider Time { get; } = time;

    /// <summary>Sends accepted (counted as delivered) whose answer has not been written yet (see AnswerDelayMs).</summary>
    public int AnswersHeld => Volatile.Read(ref answersHeld);

    /// <summary>Counts an accepted send as unanswered until the returned handle is disposed.</summary>
    public IDisposable HoldAnswer()
    {
        Interlocked.Increment(ref answersHeld);
        return new Release(() => Interlocked.Decrement(ref answersHeld));
    }

    /// <summary>TCP connections open to the stand-in (any client).</summary>
    public int OpenConnections => Volatile.Read(ref openConnections);

    /// <summary>HTTP requests the stand-in has read and not yet answered.</summary>
    public int RequestsInFlight => Volatile.Read(ref requestsInFlight);

    /// <summary>
    /// No connection open and no request being handled: nothing more can be accepted until a client connects again.
    /// After a client was killed, its connections close with it (the kernel closes its sockets); a request the
    /// stand-in had already read is handled to the end first, and on HTTP/1.1 a connection ends only after its
    /// current request. A connection the kernel holds that Kestrel has not accepted yet is not counted here (the
    /// crash test also looks at the kernel's sockets); with those gone, the counts are final.
    /// </summary>
    public bool Idle => OpenConnections == 0 && RequestsInFlight == 0;

    /// <summary>Counts a connection as open until the returned handle is disposed (Kestrel connection middleware).</summary>
    public IDisposable TrackConnection() => Track(ref openConnections, () => Interlocked.Decrement(ref openConnections));

    /// <summary>Counts a request as in flight until the returned handle is disposed.</summary>
    public IDisposable TrackRequest() => Track(ref requestsInFlight, () => Interlocked.Decrement(ref requestsInFlight));

    /// <summary>The 1:1 conversation of a person: the same id every time, as Teams does.</summary>
    public string CreateConversation(string tenant, string user)
    {
        var id = $"a:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{tenant}|{user}")))[..24].ToLowerInvariant()}";
        lock (gate)
        {
            conversations[id] = (tenant, user);
            Tenant(tenant).ConversationsCreated++;
        }

        return id;
    }

    public (string Tenant, string User)? Conversation(string id)
    {
        lock (gate)
        {
            return conversations.TryGetValue(id, out var c) ? c : null;
        }
    }

    /// <summary>Admits a request against the tenant (and conversation) windows, or says how long to wait.</summary>
    public TimeSpan? Admit(string tenant, string? conversation)
    {
        lock (gate)
        {
            var now = Time.GetUtcNow();
            var wait = Wait(Window(tenantWindows, tenant), Options.TenantRates.GetValueOrDefault(tenant, Options.TenantRate), TimeSpan.FromSeconds(1), now);
            if (conversation is not null)
            {
                for (var i = 0; i < Options.ConversationLimits.Count; i++)
                {
                    var (limit, seconds) = Options.ConversationLimits[i];
                    var w = Wait(ConversationWindow(conversation, i), limit, TimeSpan.FromSeconds(seconds), now);
                    if (w > wait)
                    {
                        wait = w;
                    }
                }
            }

            if (wait > TimeSpan.Zero)
            {
                Tenant(tenant).Throttled++;
                return wait;
            }

            Window(tenantWindows, tenant).Enqueue(now);
            if (conversation is not null)
            {
                for (var i = 0; i < Options.ConversationLimits.Count; i++)
                {
                    ConversationWindow(conversation, i).Enqueue(now);
                }
            }

            Tenant(tenant).Requests++;
            return null;
        }
    }

    /// <summary>
    /// The status this user's next send should fail with, or null: the first n sends of a flaky user fail, cycling
    /// through <see cref="StandInOptions.FlakyStatuses"/> (503 unless configured).
    /// </summary>
    public int? ServeFailure(string user)
    {
        lock (gate)
        {
            if (!Options.FlakyUsers.TryGetValue(user, out var n))
            {
                return null;
            }

            failuresServed.TryGetValue(user, out var served);
            if (served >= n)
            {
                return null;
            }

            failuresServed[user] = served + 1;
            var statuses = Options.FlakyStatuses.Count > 0 ? Options.FlakyStatuses : [503];
            return statuses[served % statuses.Count];
        }
    }

    public void CountRefusal(string tenant, int status)
    {
        lock (gate)
        {
            var stats = Tenant(tenant);
            if (status == 403)
            {
                stats.Forbidden++;
            }
            else if (status >= 500)
            {
                stats.ServerErrors++;
            }
            else
            {
                stats.BadRequests++;
            }
        }
    }

    public string Accept(string tenant, string user, bool update, string? text = null)
    {
        lock (gate)
        {
            var now = Time.GetUtcNow();
            var stats = Tenant(tenant);
            if (update)
            {
                stats.Updates++;
            }
            else
            {
                stats.Messages++;
                stats.FirstMessageAt ??= now;
                stats.LastMessageAt = now;
                messagesPerMember.TryGetValue($"{tenant}|{user}", out var count);
                messagesPerMember[$"{tenant}|{user}"] = count + 1;
                if (!textsPerMember.TryGetValue($"{tenant}|{user}", out var texts))
                {
                    texts = [];
                    textsPerMember[$"{tenant}|{user}"] = texts;
                }

                texts.Add(text ?? string.Empty);
            }

            return $"1{++activitySequence:D12}";
        }
    }

    public StandInStats Snapshot(bool includeMembers)
    {
        lock (gate)
        {
            return new StandInStats(
                tenants.ToDictionary(t => t.Key, t => t.Value.ToReport(), StringComparer.Ordinal),
                tenants.Values.Sum(t => t.Messages),
                messagesPerMember.Count,
                messagesPerMember.Values.Sum(c => c - 1),
                tenants.Values.Sum(t => t.Throttled),
                includeMembers ? new Dictionary<string, int>(messagesPerMember, StringComparer.Ordinal) : null);
        }
    }

    /// <summary>What one member received, in arrival order (message text or card summary).</summary>
    public IReadOnlyList<string> TextsOf(string tenant, string user)
    {
        lock (gate)
        {
            return textsPerMember.TryGetValue($"{tenant}|{user}", out var texts) ? texts.ToList() : [];
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            textsPerMember.Clear();
            tenantWindows.Clear();
            conversationWindows.Clear();
            messagesPerMember.Clear();
            failuresServed.Clear();
            tenants.Clear();
        }
    }

    private static Release Track(ref int counter, Action release)
    {
        Interlocked.Increment(ref counter);
        return new Release(release);
    }

    private TenantStats Tenant(string tenant)
    {
        if (!tenants.TryGetValue(tenant, out var stats))
        {
            stats = new TenantStats();
            tenants[tenant] = stats;
        }

        return stats;
    }

    private Queue<DateTimeOffset> ConversationWindow(string conversation, int index)
    {
        if (!conversationWindows.TryGetValue((conversation, index), out var window))
        {
            window = new Queue<DateTimeOffset>();
            conversationWindows[(conversation, index)] = window;
        }

        return window;
    }

    private static Queue<DateTimeOffset> Window(Dictionary<string, Queue<DateTimeOffset>> windows, string key)
    {
        if (!windows.TryGetValue(key, out var window))
        {
            window = new Queue<DateTimeOffset>();
            windows[key] = window;
        }

        return window;
    }

    private static TimeSpan Wait(Queue<DateTimeOffset> window, int limit, TimeSpan length, DateTimeOffset now)
    {
        while (window.Count > 0 && window.Peek() + length <= now)
        {
            window.Dequeue();
        }

        return window.Count < limit ? TimeSpan.Zero : window.ElementAt(window.Count - limit) + length - now;
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }

    private sealed class TenantStats
    {
        public long Requests;
        public long Messages;
        public long Updates;
        public long ConversationsCreated;
        public long Throttled;
        public long Forbidden;
        public long BadRequests;
        public long ServerErrors;
        public DateTimeOffset? FirstMessageAt;
        public DateTimeOffset? LastMessageAt;

        public TenantReport ToReport() =>
            new(Requests, Messages, Updates, ConversationsCreated, Throttled, Forbidden, BadRequests, ServerErrors, FirstMessageAt, LastMessageAt,
                FirstMessageAt is { } first && LastMessageAt is { } last && last > first ? (Messages - 1) / (last - first).TotalSeconds : null);
    }
}

public sealed record TenantReport(
    long Requests,
    long Messages,
    long Updates,
    long ConversationsCreated,
    long Throttled,
    long Forbidden,
    long BadRequests,
    long ServerErrors,
    DateTimeOffset? FirstMessageAt,
    DateTimeOffset? LastMessageAt,
    double? MessagesPerSecond);

/// <summary>GET /_stats. Duplicates = messages beyond the first per member.</summary>
public sealed record StandInStats(
    IReadOnlyDictionary<string, TenantReport> Tenants,
    long Messages,
    int Members,
    long Duplicates,
    long Throttled,
    IReadOnlyDictionary<string, int>? PerMember);
