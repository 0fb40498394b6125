-- AllianceBot schema for PostgreSQL. Ids are uuid, times timestamptz (UTC), flags boolean.
-- No ON DELETE CASCADE anywhere: deletes run explicitly in the use cases so all three providers behave the same
-- (SQL Server refuses multiple cascade paths).

CREATE TABLE contacts (
    id uuid NOT NULL PRIMARY KEY,
    channel text NOT NULL,
    tenant_id text NOT NULL,
    user_id text NOT NULL,
    aad_object_id text NULL,
    service_url text NULL,
    conversation_id text NULL,
    bot_id text NULL,
    bot_name text NULL,
    display_name text NULL,
    locale text NULL,
    time_zone text NULL,
    reachable boolean NOT NULL DEFAULT true,
    unreachable_reason text NULL,
    last_seen_at timestamptz NOT NULL,
    CONSTRAINT uq_contacts_identity UNIQUE (channel, tenant_id, user_id)
);

CREATE TABLE alliances (
    id uuid NOT NULL PRIMARY KEY,
    name text NOT NULL,
    phase integer NOT NULL,
    time_zone text NOT NULL,
    locale text NOT NULL,
    schedule text NOT NULL,
    anonymity_k integer NOT NULL,
    comment_k integer NOT NULL,
    reminder_offsets text NOT NULL,
    close_after_days integer NOT NULL,
    is_demo boolean NOT NULL DEFAULT false,
    created_by uuid NULL REFERENCES contacts (id),
    created_at timestamptz NOT NULL
);

CREATE TABLE partners (
    id uuid NOT NULL PRIMARY KEY,
    alliance_id uuid NOT NULL REFERENCES alliances (id),
    name text NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT uq_partners_name UNIQUE (alliance_id, name)
);

CREATE TABLE members (
    id uuid NOT NULL PRIMARY KEY,
    alliance_id uuid NOT NULL REFERENCES alliances (id),
    partner_id uuid NOT NULL REFERENCES partners (id),
    contact_id uuid NOT NULL REFERENCES contacts (id),
    role text NOT NULL,
    reminders_enabled boolean NOT NULL DEFAULT true,
    language_override text NULL,
    joined_at timestamptz NOT NULL,
    removed_at timestamptz NULL,
    CONSTRAINT uq_members_contact UNIQUE (alliance_id, contact_id)
);
CREATE INDEX ix_members_contact ON members (contact_id);

CREATE TABLE alliance_phases (
    id uuid NOT NULL PRIMARY KEY,
    alliance_id uuid NOT NULL REFERENCES alliances (id),
    phase integer NOT NULL,
    changed_by uuid NULL REFERENCES contacts (id),
    changed_at timestamptz NOT NULL,
    reason text NULL
);
CREATE INDEX ix_alliance_phases_alliance ON alliance_phases (alliance_id, changed_at);

CREATE TABLE join_codes (
    id uuid NOT NULL PRIMARY KEY,
    alliance_id uuid NOT NULL REFERENCES alliances (id),
    partner_id uuid NOT NULL REFERENCES partners (id),
    role text NOT NULL,
    code_hash text NOT NULL,
    created_by uuid NULL REFERENCES contacts (id),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz NULL,
    redeemed_count integer NOT NULL DEFAULT 0,
    CONSTRAINT uq_join_codes_hash UNIQUE (code_hash)
);

CREATE TABLE join_code_failures (
    id uuid NOT NULL PRIMARY KEY,
    channel text NOT NULL,
    tenant_id text NOT NULL,
    user_id text NOT NULL,
    failed_at timestamptz NOT NULL
);
CREATE INDEX ix_join_code_failures_identity ON join_code_failures (channel, tenant_id, user_id, failed_at);

CREATE TABLE rounds (
    id uuid NOT NULL PRIMARY KEY,
    alliance_id uuid NOT NULL REFERENCES alliances (id),
    number integer NOT NULL,
    slot_key text NOT NULL,
    kind text NOT NULL,
    items_json text NOT NULL,
    opened_at timestamptz NOT NULL,
    closes_at timestamptz NOT NULL,
    closed_at timestamptz NULL,
    result_json text NULL,
    invited_count integer NOT NULL DEFAULT 0,
    CONSTRAINT uq_rounds_slot UNIQUE (alliance_id, slot_key),
    CONSTRAINT uq_rounds_number UNIQUE (alliance_id, number)
);

CREATE TABLE responses (
    round_id uuid NOT NULL REFERENCES rounds (id),
    member_id uuid NOT NULL REFERENCES members (id),
    item_id text NOT NULL,
    answer integer NOT NULL CHECK (answer BETWEEN 1 AND 5),
    answered_at timestamptz NOT NULL,
    CONSTRAINT pk_responses PRIMARY KEY (round_id, member_id, item_id)
);
CREATE INDEX ix_responses_member ON responses (member_id);

-- author_key is HMAC-SHA256(comment key, round id + member id): no view can join it to a member, "forget me" can
-- recompute it.
CREATE TABLE comments (
    id uuid NOT NULL PRIMARY KEY,
    round_id uuid NOT NULL REFERENCES rounds (id),
    partner_id uuid NULL REFERENCES partners (id),
    author_key text NOT NULL,
    body text NOT NULL,
    written_at timestamptz NOT NULL,
    CONSTRAINT uq_comments_author UNIQUE (round_id, author_key)
);

CREATE TABLE outbox (
    id uuid NOT NULL PRIMARY KEY,
    kind text NOT NULL,
    alliance_id uuid NULL,
    round_id uuid NULL,
    member_id uuid NULL,
    channel text NOT NULL,
    tenant_id text NOT NULL,
    target text NOT NULL,
    payload text NOT NULL,
    status text NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    claimed_by text NULL,
    claimed_until timestamptz NULL,
    last_error text NULL,
    channel_message_id text NULL,
    deduplication_key text NULL,
    created_at timestamptz NOT NULL,
    finished_at timestamptz NULL
);
CREATE UNIQUE INDEX uq_outbox_dedup ON outbox (deduplication_key) WHERE deduplication_key IS NOT NULL;
CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE alerts_sent (
    id uuid NOT NULL PRIMARY KEY,
    alliance_id uuid NOT NULL REFERENCES alliances (id),
    round_id uuid NOT NULL REFERENCES rounds (id),
    kind text NOT NULL,
    sent_at timestamptz NOT NULL,
    CONSTRAINT uq_alerts_sent UNIQUE (alliance_id, round_id, kind)
);

CREATE TABLE audit_log (
    id uuid NOT NULL PRIMARY KEY,
    alliance_id uuid NOT NULL REFERENCES alliances (id),
    actor_id uuid NULL REFERENCES contacts (id),
    subject_member_id uuid NULL,
    action text NOT NULL,
    detail_json text NULL,
    acted_at timestamptz NOT NULL
);
CREATE INDEX ix_audit_log_alliance ON audit_log (alliance_id, acted_at);

CREATE TABLE dialog_states (
    channel text NOT NULL,
    tenant_id text NOT NULL,
    user_id text NOT NULL,
    dialog text NOT NULL,
    state_json text NOT NULL,
    updated_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    CONSTRAINT pk_dialog_states PRIMARY KEY (channel, tenant_id, user_id, dialog)
);

CREATE TABLE inbound_deliveries (
    channel text NOT NULL,
    delivery_key text NOT NULL,
    seen_at timestamptz NOT NULL,
    CONSTRAINT pk_inbound_deliveries PRIMARY KEY (channel, delivery_key)
);
CREATE INDEX ix_inbound_deliveries_seen ON inbound_deliveries (seen_at);

CREATE TABLE storage_keys (
    name text NOT NULL PRIMARY KEY,
    key_value text NOT NULL
);
