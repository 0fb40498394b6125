-- Join codes are now stored as HMAC-SHA256 under a server-side key (Dialogs:JoinCodes:HashKey). Codes issued before
-- were stored as a plain SHA-256 that can be searched offline: revoke them, destroy their hashes, and drop the copy
-- of each hash the audit trail kept. revoked_at takes the code's own created_at.
UPDATE join_codes
SET revoked_at = COALESCE(revoked_at, created_at),
    code_hash = N'retired:' + CONVERT(nvarchar(36), id)
WHERE code_hash NOT LIKE N'retired:%';

UPDATE audit_log
SET detail_json = JSON_MODIFY(detail_json, '$.hash', NULL)
WHERE action = N'join-code.issued' AND detail_json IS NOT NULL AND ISJSON(detail_json) = 1;

-- Group chats and channels a manager linked to an alliance on purpose: only there does the bot show the alliance's
-- figures to the room (docs/privacy.md, "Where the bot answers"). room_key is SHA-256 of channel, tenant and room id
-- (room ids have no length limit). No person is stored here; who linked is in the audit trail.
CREATE TABLE room_links (
    room_key nvarchar(64) NOT NULL PRIMARY KEY,
    channel nvarchar(16) NOT NULL,
    tenant_id nvarchar(100) NOT NULL,
    room_id nvarchar(max) NOT NULL,
    alliance_id uniqueidentifier NOT NULL REFERENCES alliances (id),
    audience nvarchar(16) NOT NULL,
    linked_at datetimeoffset(7) NOT NULL
);
CREATE INDEX ix_room_links_alliance ON room_links (alliance_id);
