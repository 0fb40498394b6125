-- AllianceBot schema for SQLite. Ids and times are TEXT (lower-case Guid "D", ISO-8601 UTC "O", which sorts as text).
-- No ON DELETE CASCADE anywhere: deletes run explicitly in the use cases so all three providers behave the same
-- (SQL Server refuses multiple cascade paths).

CREATE TABLE contacts (
    id TEXT NOT NULL PRIMARY KEY,
    channel TEXT NOT NULL,
    tenant_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    aad_object_id TEXT NULL,
    service_url TEXT NULL,
    conversation_id TEXT NULL,
    bot_id TEXT NULL,
    bot_name TEXT NULL,
    display_name TEXT NULL,
    locale TEXT NULL,
    time_zone TEXT NULL,
    reachable INTEGER NOT NULL DEFAULT 1,
    unreachable_reason TEXT NULL,
    last_seen_at TEXT NOT NULL,
    CONSTRAINT uq_contacts_identity UNIQUE (channel, tenant_id, user_id)
);

CREATE TABLE alliances (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    phase INTEGER NOT NULL,
    time_zone TEXT NOT NULL,
    locale TEXT NOT NULL,
    schedule TEXT NOT NULL,
    anonymity_k INTEGER NOT NULL,
    comment_k INTEGER NOT NULL,
    reminder_offsets TEXT NOT NULL,
    close_after_days INTEGER NOT NULL,
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NULL REFERENCES contacts (id),
    created_at TEXT NOT NULL
);

CREATE TABLE partners (
    id TEXT NOT NULL PRIMARY KEY,
    alliance_id TEXT NOT NULL REFERENCES alliances (id),
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT uq_partners_name UNIQUE (alliance_id, name)
);

CREATE TABLE members (
    id TEXT NOT NULL PRIMARY KEY,
    alliance_id TEXT NOT NULL REFERENCES alliances (id),
    partner_id TEXT NOT NULL REFERENCES partners (id),
    contact_id TEXT NOT NULL REFERENCES contacts (id),
    role TEXT NOT NULL,
    reminders_enabled INTEGER NOT NULL DEFAULT 1,
    language_override TEXT NULL,
    joined_at TEXT NOT NULL,
    removed_at TEXT NULL,
    CONSTRAINT uq_members_contact UNIQUE (alliance_id, contact_id)
);
CREATE INDEX ix_members_contact ON members (contact_id);

CREATE TABLE alliance_phases (
    id TEXT NOT NULL PRIMARY KEY,
    alliance_id TEXT NOT NULL REFERENCES alliances (id),
    phase INTEGER NOT NULL,
    changed_by TEXT NULL REFERENCES contacts (id),
    changed_at TEXT NOT NULL,
    reason TEXT NULL
);
CREATE INDEX ix_alliance_phases_alliance ON alliance_phases (alliance_id, changed_at);

CREATE TABLE join_codes (
    id TEXT NOT NULL PRIMARY KEY,
    alliance_id TEXT NOT NULL REFERENCES alliances (id),
    partner_id TEXT NOT NULL REFERENCES partners (id),
    role TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    created_by TEXT NULL REFERENCES contacts (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT NULL,
    redeemed_count INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT uq_join_codes_hash UNIQUE (code_hash)
);

CREATE TABLE join_code_failures (
    id TEXT NOT NULL PRIMARY KEY,
    channel TEXT NOT NULL,
    tenant_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    failed_at TEXT NOT NULL
);
CREATE INDEX ix_join_code_failures_identity ON join_code_failures (channel, tenant_id, user_id, failed_at);

CREATE TABLE rounds (
    id TEXT NOT NULL PRIMARY KEY,
    alliance_id TEXT NOT NULL REFERENCES alliances (id),
    number INTEGER NOT NULL,
    slot_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    items_json TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    closes_at TEXT NOT NULL,
    closed_at TEXT NULL,
    result_json TEXT NULL,
    invited_count INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT uq_rounds_slot UNIQUE (alliance_id, slot_key),
    CONSTRAINT uq_rounds_number UNIQUE (alliance_id, number)
);

CREATE TABLE responses (
    round_id TEXT NOT NULL REFERENCES rounds (id),
    member_id TEXT NOT NULL REFERENCES members (id),
    item_id TEXT NOT NULL,
    answer INTEGER NOT NULL CHECK (answer BETWEEN 1 AND 5),
    answered_at TEXT NOT NULL,
    CONSTRAINT pk_responses PRIMARY KEY (round_id, member_id, item_id)
);
CREATE INDEX ix_responses_member ON responses (member_id);

-- author_key is HMAC-SHA256(comment key, round id + member id): no view can join it to a member, "forget me" can
-- recompute it.
CREATE TABLE comments (
    id TEXT NOT NULL PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES rounds (id),
    partner_id TEXT NULL REFERENCES partners (id),
    author_key TEXT NOT NULL,
    body TEXT NOT NULL,
    written_at TEXT NOT NULL,
    CONSTRAINT uq_comments_author UNIQUE (round_id, author_key)
);

CREATE TABLE outbox (
    id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    alliance_id TEXT NULL,
    round_id TEXT NULL,
    member_id TEXT NULL,
    channel TEXT NOT NULL,
    tenant_id TEXT NOT NULL,
    target TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    claimed_by TEXT NULL,
    claimed_until TEXT NULL,
    last_error TEXT NULL,
    channel_message_id TEXT NULL,
    deduplication_key TEXT NULL,
    created_at TEXT NOT NULL,
    finished_at TEXT NULL
);
CREATE UNIQUE INDEX uq_outbox_dedup ON outbox (deduplication_key) WHERE deduplication_key IS NOT NULL;
CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE alerts_sent (
    id TEXT NOT NULL PRIMARY KEY,
    alliance_id TEXT NOT NULL REFERENCES alliances (id),
    round_id TEXT NOT NULL REFERENCES rounds (id),
    kind TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    CONSTRAINT uq_alerts_sent UNIQUE (alliance_id, round_id, kind)
);

CREATE TABLE audit_log (
    id TEXT NOT NULL PRIMARY KEY,
    alliance_id TEXT NOT NULL REFERENCES alliances (id),
    actor_id TEXT NULL REFERENCES contacts (id),
    subject_member_id TEXT NULL,
    action TEXT NOT NULL,
    detail_json TEXT NULL,
    acted_at TEXT NOT NULL
);
CREATE INDEX ix_audit_log_alliance ON audit_log (alliance_id, acted_at);

CREATE TABLE dialog_states (
    channel TEXT NOT NULL,
    tenant_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    dialog TEXT NOT NULL,
    state_json TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    CONSTRAINT pk_dialog_states PRIMARY KEY (channel, tenant_id, user_id, dialog)
);

CREATE TABLE inbound_deliveries (
    channel TEXT NOT NULL,
    delivery_key TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    CONSTRAINT pk_inbound_deliveries PRIMARY KEY (channel, delivery_key)
);
CREATE INDEX ix_inbound_deliveries_seen ON inbound_deliveries (seen_at);

CREATE TABLE storage_keys (
    name TEXT NOT NULL PRIMARY KEY,
    key_value TEXT NOT NULL
);
