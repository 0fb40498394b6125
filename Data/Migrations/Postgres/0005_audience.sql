-- Join codes are now stored as HMAC-SHA256 under a server-side key (Dialogs:JoinCodes:HashKey). Codes issued before
-- were stored as a plain SHA-256 that can be searched offline: revoke them, destroy their hashes, and drop the copy
-- of each hash the audit trail kept. revoked_at takes the code's own created_at.
UPDATE join_codes
SET revoked_at = COALESCE(revoked_at, created_at),
    code_hash = 'retired:' || id::text
WHERE code_hash NOT LIKE 'retired:%';

UPDATE audit_log
SET detail_json = (detail_json::jsonb - 'hash')::text
WHERE action = 'join-code.issued' AND detail_json IS NOT NULL AND detail_json LIKE '%"hash"%';

-- Group chats and channels a manager linked to an alliance on purpose: only there does the bot show the alliance's
-- figures to the room (docs/privacy.md, "Where the bot answers"). room_key is SHA-256 of channel, tenant and room id
-- (room ids have no length limit). No person is stored here; who linked is in the audit trail.
CREATE TABLE room_links (
    room_key text NOT NULL PRIMARY KEY,
    channel text NOT NULL,
    tenant_id text NOT NULL,
    room_id text NOT NULL,
    alliance_id uuid NOT NULL REFERENCES alliances (id),
    audience text NOT NULL,
    linked_at timestamptz NOT NULL
);
CREATE INDEX ix_room_links_alliance ON room_links (alliance_id);
