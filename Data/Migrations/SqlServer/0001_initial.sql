-- AllianceBot schema for SQL Server / Azure SQL. Ids uniqueidentifier, times datetimeoffset (always +00:00), flags bit.
-- No ON DELETE CASCADE anywhere: deletes run explicitly in the use cases so all three providers behave the same
-- (SQL Server refuses multiple cascade paths).

CREATE TABLE contacts (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    channel nvarchar(16) NOT NULL,
    tenant_id nvarchar(100) NOT NULL,
    user_id nvarchar(256) NOT NULL,
    aad_object_id nvarchar(64) NULL,
    service_url nvarchar(500) NULL,
    conversation_id nvarchar(500) NULL,
    bot_id nvarchar(256) NULL,
    bot_name nvarchar(200) NULL,
    display_name nvarchar(200) NULL,
    locale nvarchar(35) NULL,
    time_zone nvarchar(64) NULL,
    reachable bit NOT NULL DEFAULT 1,
    unreachable_reason nvarchar(500) NULL,
    last_seen_at datetimeoffset(7) NOT NULL,
    CONSTRAINT uq_contacts_identity UNIQUE (channel, tenant_id, user_id)
);

CREATE TABLE alliances (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    name nvarchar(100) NOT NULL,
    phase int NOT NULL,
    time_zone nvarchar(64) NOT NULL,
    locale nvarchar(35) NOT NULL,
    schedule nvarchar(100) NOT NULL,
    anonymity_k int NOT NULL,
    comment_k int NOT NULL,
    reminder_offsets nvarchar(200) NOT NULL,
    close_after_days int NOT NULL,
    is_demo bit NOT NULL DEFAULT 0,
    created_by uniqueidentifier NULL REFERENCES contacts (id),
    created_at datetimeoffset(7) NOT NULL
);

CREATE TABLE partners (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    alliance_id uniqueidentifier NOT NULL REFERENCES alliances (id),
    name nvarchar(100) NOT NULL,
    created_at datetimeoffset(7) NOT NULL,
    CONSTRAINT uq_partners_name UNIQUE (alliance_id, name)
);

CREATE TABLE members (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    alliance_id uniqueidentifier NOT NULL REFERENCES alliances (id),
    partner_id uniqueidentifier NOT NULL REFERENCES partners (id),
    contact_id uniqueidentifier NOT NULL REFERENCES contacts (id),
    role nvarchar(16) NOT NULL,
    reminders_enabled bit NOT NULL DEFAULT 1,
    language_override nvarchar(35) NULL,
    joined_at datetimeoffset(7) NOT NULL,
    removed_at datetimeoffset(7) NULL,
    CONSTRAINT uq_members_contact UNIQUE (alliance_id, contact_id)
);
GO
CREATE INDEX ix_members_contact ON members (contact_id);

CREATE TABLE alliance_phases (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    alliance_id uniqueidentifier NOT NULL REFERENCES alliances (id),
    phase int NOT NULL,
    changed_by uniqueidentifier NULL REFERENCES contacts (id),
    changed_at datetimeoffset(7) NOT NULL,
    reason nvarchar(500) NULL
);
GO
CREATE INDEX ix_alliance_phases_alliance ON alliance_phases (alliance_id, changed_at);

CREATE TABLE join_codes (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    alliance_id uniqueidentifier NOT NULL REFERENCES alliances (id),
    partner_id uniqueidentifier NOT NULL REFERENCES partners (id),
    role nvarchar(16) NOT NULL,
    code_hash nvarchar(64) NOT NULL,
    created_by uniqueidentifier NULL REFERENCES contacts (id),
    created_at datetimeoffset(7) NOT NULL,
    expires_at datetimeoffset(7) NOT NULL,
    revoked_at datetimeoffset(7) NULL,
    redeemed_count int NOT NULL DEFAULT 0,
    CONSTRAINT uq_join_codes_hash UNIQUE (code_hash)
);

CREATE TABLE join_code_failures (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    channel nvarchar(16) NOT NULL,
    tenant_id nvarchar(100) NOT NULL,
    user_id nvarchar(256) NOT NULL,
    failed_at datetimeoffset(7) NOT NULL
);
GO
CREATE INDEX ix_join_code_failures_identity ON join_code_failures (channel, tenant_id, user_id, failed_at);

CREATE TABLE rounds (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    alliance_id uniqueidentifier NOT NULL REFERENCES alliances (id),
    number int NOT NULL,
    slot_key nvarchar(100) NOT NULL,
    kind nvarchar(32) NOT NULL,
    items_json nvarchar(max) NOT NULL,
    opened_at datetimeoffset(7) NOT NULL,
    closes_at datetimeoffset(7) NOT NULL,
    closed_at datetimeoffset(7) NULL,
    result_json nvarchar(max) NULL,
    invited_count int NOT NULL DEFAULT 0,
    CONSTRAINT uq_rounds_slot UNIQUE (alliance_id, slot_key),
    CONSTRAINT uq_rounds_number UNIQUE (alliance_id, number)
);

CREATE TABLE responses (
    round_id uniqueidentifier NOT NULL REFERENCES rounds (id),
    member_id uniqueidentifier NOT NULL REFERENCES members (id),
    item_id nvarchar(64) NOT NULL,
    answer int NOT NULL CHECK (answer BETWEEN 1 AND 5),
    answered_at datetimeoffset(7) NOT NULL,
    CONSTRAINT pk_responses PRIMARY KEY (round_id, member_id, item_id)
);
GO
CREATE INDEX ix_responses_member ON responses (member_id);

-- author_key is HMAC-SHA256(comment key, round id + member id): no view can join it to a member, "forget me" can
-- recompute it.
CREATE TABLE comments (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    round_id uniqueidentifier NOT NULL REFERENCES rounds (id),
    partner_id uniqueidentifier NULL REFERENCES partners (id),
    author_key nvarchar(64) NOT NULL,
    body nvarchar(max) NOT NULL,
    written_at datetimeoffset(7) NOT NULL,
    CONSTRAINT uq_comments_author UNIQUE (round_id, author_key)
);

CREATE TABLE outbox (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    kind nvarchar(32) NOT NULL,
    alliance_id uniqueidentifier NULL,
    round_id uniqueidentifier NULL,
    member_id uniqueidentifier NULL,
    channel nvarchar(16) NOT NULL,
    tenant_id nvarchar(100) NOT NULL,
    target nvarchar(max) NOT NULL,
    payload nvarchar(max) NOT NULL,
    status nvarchar(16) NOT NULL,
    attempts int NOT NULL DEFAULT 0,
    next_attempt_at datetimeoffset(7) NOT NULL,
    claimed_by nvarchar(200) NULL,
    claimed_until datetimeoffset(7) NULL,
    last_error nvarchar(max) NULL,
    channel_message_id nvarchar(500) NULL,
    deduplication_key nvarchar(200) NULL,
    created_at datetimeoffset(7) NOT NULL,
    finished_at datetimeoffset(7) NULL
);
GO
CREATE UNIQUE INDEX uq_outbox_dedup ON outbox (deduplication_key) WHERE deduplication_key IS NOT NULL;
GO
CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE alerts_sent (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    alliance_id uniqueidentifier NOT NULL REFERENCES alliances (id),
    round_id uniqueidentifier NOT NULL REFERENCES rounds (id),
    kind nvarchar(32) NOT NULL,
    sent_at datetimeoffset(7) NOT NULL,
    CONSTRAINT uq_alerts_sent UNIQUE (alliance_id, round_id, kind)
);

CREATE TABLE audit_log (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    alliance_id uniqueidentifier NOT NULL REFERENCES alliances (id),
    actor_id uniqueidentifier NULL REFERENCES contacts (id),
    subject_member_id uniqueidentifier NULL,
    action nvarchar(64) NOT NULL,
    detail_json nvarchar(max) NULL,
    acted_at datetimeoffset(7) NOT NULL
);
GO
CREATE INDEX ix_audit_log_alliance ON audit_log (alliance_id, acted_at);

CREATE TABLE dialog_states (
    channel nvarchar(16) NOT NULL,
    tenant_id nvarchar(100) NOT NULL,
    user_id nvarchar(256) NOT NULL,
    dialog nvarchar(64) NOT NULL,
    state_json nvarchar(max) NOT NULL,
    updated_at datetimeoffset(7) NOT NULL,
    expires_at datetimeoffset(7) NOT NULL,
    CONSTRAINT pk_dialog_states PRIMARY KEY (channel, tenant_id, user_id, dialog)
);

CREATE TABLE inbound_deliveries (
    channel nvarchar(16) NOT NULL,
    delivery_key nvarchar(200) NOT NULL,
    seen_at datetimeoffset(7) NOT NULL,
    CONSTRAINT pk_inbound_deliveries PRIMARY KEY (channel, delivery_key)
);
GO
CREATE INDEX ix_inbound_deliveries_seen ON inbound_deliveries (seen_at);

CREATE TABLE storage_keys (
    name nvarchar(100) NOT NULL PRIMARY KEY,
    key_value nvarchar(200) NOT NULL
);
