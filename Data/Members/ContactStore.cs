using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Members;

/// <summary>Contacts: one row per channel identity, shared by every alliance the person is in.</summary>
public sealed class ContactStore(Database database) : IContactStore
{
    private const string Columns = """
        id, channel, tenant_id, user_id, aad_object_id, service_url, conversation_id, bot_id, bot_name,
        display_name, locale, time_zone, reachable, last_seen_at
        """;

    // A sighting refreshes where to reach the person; values the channel did not send keep the last one seen.
    private const string UpsertStandard = """
        INSERT INTO contacts (id, channel, tenant_id, user_id, aad_object_id, service_url, conversation_id, bot_id, bot_name,
                              display_name, locale, time_zone, reachable, unreachable_reason, last_seen_at)
        VALUES (@Id, @Channel, @TenantId, @UserId, @AadObjectId, @ServiceUrl, @ConversationId, @BotId, @BotName,
                @DisplayName, @Locale, @TimeZone, @Reachable, NULL, @SeenAt)
        ON CONFLICT (channel, tenant_id, user_id) DO UPDATE SET
            aad_object_id = COALESCE(excluded.aad_object_id, contacts.aad_object_id),
            service_url = COALESCE(excluded.service_url, contacts.service_url),
            conversation_id = COALESCE(excluded.conversation_id, contacts.conversation_id),
            bot_id = COALESCE(excluded.bot_id, contacts.bot_id),
            bot_name = COALESCE(excluded.bot_name, contacts.bot_name),
            display_name = COALESCE(excluded.display_name, contacts.display_name),
            locale = COALESCE(excluded.locale, contacts.locale),
            time_zone = COALESCE(excluded.time_zone, contacts.time_zone),
            reachable = excluded.reachable,
            unreachable_reason = NULL,
            last_seen_at = excluded.last_seen_at
        """;

    private const string UpsertSqlServer = """
        MERGE contacts WITH (HOLDLOCK) AS t
        USING (SELECT @Channel AS channel, @TenantId AS tenant_id, @UserId AS user_id) AS s
            ON t.channel = s.channel AND t.tenant_id = s.tenant_id AND t.user_id = s.user_id
        WHEN MATCHED THEN UPDATE SET
            aad_object_id = COALESCE(@AadObjectId, t.aad_object_id),
            service_url = COALESCE(@ServiceUrl, t.service_url),
            conversation_id = COALESCE(@ConversationId, t.conversation_id),
            bot_id = COALESCE(@BotId, t.bot_id),
            bot_name = COALESCE(@BotName, t.bot_name),
            display_name = COALESCE(@DisplayName, t.display_name),
            locale = COALESCE(@Locale, t.locale),
            time_zone = COALESCE(@TimeZone, t.time_zone),
            reachable = @Reachable,
            unreachable_reason = NULL,
            last_seen_at = @SeenAt
        WHEN NOT MATCHED THEN
            INSERT (id, channel, tenant_id, user_id, aad_object_id, service_url, conversation_id, bot_id, bot_name,
                    display_name, locale, time_zone, reachable, unreachable_reason, last_seen_at)
            VALUES (@Id, @Channel, @TenantId, @UserId, @AadObjectId, @ServiceUrl, @ConversationId, @BotId, @BotName,
                    @DisplayName, @Locale, @TimeZone, @Reachable, NULL, @SeenAt);
        """;

    private const string UpsertReturning = $"{UpsertStandard} RETURNING {Columns}";

    private const string SightingWithPerson = $"{UpsertReturning};\n{TurnPerson.DialogStatesSql};\n{TurnPerson.MembershipsSql}";

    private const string DeliveryWithSightingWithPerson =
        $"INSERT INTO inbound_deliveries (channel, delivery_key, seen_at) VALUES (@DeliveryChannel, @DeliveryKey, @DeliveryAt) ON CONFLICT DO NOTHING RETURNING 1;\n{SightingWithPerson}";

    private const string Select = $"SELECT {Columns} FROM contacts WHERE channel = @Channel AND tenant_id = @TenantId AND user_id = @UserId";

    /// <summary>On SQLite every call goes to the one writer connection, in the order made (<see cref="SqliteWriter"/>).</summary>
    public bool KeepsCallOrder => database.Provider == StorageProvider.Sqlite;

    public Task<Contact> RecordSightingAsync(ContactSighting sighting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sighting);
        var reference = sighting.Reference ?? throw StorageException.Invalid("A sighting needs a conversation reference.");
        var identity = Guard.Identity(reference.Identity);
        var row = new
        {
            Id = Guid.NewGuid(),
            identity.Channel,
            identity.TenantId,
            identity.UserId,
            AadObjectId = Guard.OptionalText(reference.AadObjectId, "AAD object id", Guard.TenantLength),
            ServiceUrl = Guard.OptionalText(reference.ServiceUrl, "Service URL", 500),
            ConversationId = Guard.OptionalText(reference.ConversationId, "Conversation id", 500),
            BotId = Guard.OptionalText(reference.BotId, "Bot id", Guard.IdentityPartLength),
            BotName = Guard.OptionalText(reference.BotName, "Bot name", 200),
            DisplayName = Guard.OptionalText(sighting.DisplayName, "Display name", 200),
            Locale = Guard.OptionalText(sighting.Locale, "Locale", Guard.LocaleLength),
            TimeZone = Guard.OptionalText(sighting.TimeZone, "Time zone", Guard.TimeZoneLength),
            Reachable = true,
            sighting.SeenAt,
        };
        if (database.Provider == StorageProvider.Postgres && database.InTurn)
        {
            // One round trip: the turn's de-duplication insert when it waits for this (TryBeginDeferredAsync), the
            // sighting, and what the turn's dialogs will ask about this person (TurnPerson).
            return database.RunCarryingDeliveryAsync(async (connection, delivery) =>
            {
                var versions = database.LookupVersions;
                if (delivery is null)
                {
                    var (contact, states, memberships) = await connection.ThreeAsync<ContactRow, DialogStates.StoredDialogState, MembershipRow>(
                        SightingWithPerson, row, null, cancellationToken);
                    database.RememberPerson(TurnPerson.From(identity, sighting.SeenAt, versions, states, memberships));
                    return contact.Single().ToContact();
                }

                var (remembered, seen, dialogStates, alliances) = await connection.FourAsync<int, ContactRow, DialogStates.StoredDialogState, MembershipRow>(
                    DeliveryWithSightingWithPerson, new
                    {
                        DeliveryChannel = delivery.Channel, DeliveryKey = delivery.Key, DeliveryAt = delivery.At,
                        row.Id, row.Channel, row.TenantId, row.UserId, row.AadObjectId, row.ServiceUrl, row.ConversationId, row.BotId, row.BotName,
                        row.DisplayName, row.Locale, row.TimeZone, row.Reachable, row.SeenAt,
                    }, null, cancellationToken);
                if (remembered.Count == 0)
                {
                    throw new RepeatedDeliveryException();
                }

                database.RememberPerson(TurnPerson.From(identity, sighting.SeenAt, versions, dialogStates, alliances));
                return seen.Single().ToContact();
            }, cancellationToken);
        }

        if (database.Provider != StorageProvider.SqlServer)
        {
            // One statement: the upsert returns the stored row (every request records a sighting).
            return database.RunAsync(async connection =>
                (await connection.OneOrDefaultAsync<ContactRow>(UpsertReturning, row, null, cancellationToken))!.ToContact(), cancellationToken);
        }

        return database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecAsync(UpsertSqlServer, row, transaction, cancellationToken);
            var stored = await connection.OneOrDefaultAsync<ContactRow>(Select, identity, transaction, cancellationToken);
            return stored!.ToContact();
        }, cancellationToken);
    }

    public Task<Contact?> FindAsync(MemberIdentity identity, CancellationToken cancellationToken)
    {
        var id = Guard.Identity(identity);
        return database.RunAsync(async connection =>
            (await connection.OneOrDefaultAsync<ContactRow>(Select, id, null, cancellationToken))?.ToContact(), cancellationToken);
    }

    public Task<Contact?> GetAsync(Guid contactId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
            (await connection.OneOrDefaultAsync<ContactRow>($"SELECT {Columns} FROM contacts WHERE id = @contactId", new { contactId }, null, cancellationToken))?.ToContact(),
            cancellationToken);

    public Task MarkUnreachableAsync(MemberIdentity identity, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var id = Guard.Identity(identity);
        var why = Guard.Text(reason, "Reason", Guard.ReasonLength);
        return database.RunAsync(connection => connection.ExecAsync(
            "UPDATE contacts SET reachable = @Reachable, unreachable_reason = @why WHERE channel = @Channel AND tenant_id = @TenantId AND user_id = @UserId",
            new { Reachable = false, why, id.Channel, id.TenantId, id.UserId }, null, cancellationToken), cancellationToken);
    }

    public Task SetPersonalConversationAsync(MemberIdentity identity, string conversationId, CancellationToken cancellationToken)
    {
        var id = Guard.Identity(identity);
        var conversation = Guard.Text(conversationId, "Conversation id", 500);
        return database.RunAsync(async connection =>
        {
            var updated = await connection.ExecAsync(
                "UPDATE contacts SET conversation_id = @conversation WHERE channel = @Channel AND tenant_id = @TenantId AND user_id = @UserId",
                new { conversation, id.Channel, id.TenantId, id.UserId }, null, cancellationToken);
            return updated == 1 ? updated : throw new StorageException(StorageErrorKind.NotFound, $"No contact {id} has been seen yet.");
        }, cancellationToken);
    }
}

internal sealed class ContactRow
{
    public Guid Id { get; set; }
    public string Channel { get; set; } = "";
    public string TenantId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string? AadObjectId { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ConversationId { get; set; }
    public string? BotId { get; set; }
    public string? BotName { get; set; }
    public string? DisplayName { get; set; }
    public string? Locale { get; set; }
    public string? TimeZone { get; set; }
    public bool Reachable { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }

    public ConversationReference Reference => new(Channel, TenantId, UserId, ServiceUrl, ConversationId, BotId, BotName, AadObjectId);

    public Contact ToContact() => new(Id, new MemberIdentity(Channel, TenantId, UserId), Reference, DisplayName, Locale, TimeZone, Reachable, LastSeenAt);
}
