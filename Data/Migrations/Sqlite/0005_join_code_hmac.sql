-- Join codes are now stored as HMAC-SHA256 under a server-side key (Dialogs:JoinCodes:HashKey). Codes issued before
-- were stored as a plain SHA-256 that can be searched offline: revoke them, destroy their hashes, and drop the copy
-- of each hash the audit trail kept. revoked_at takes the code's own created_at, so no instant is written here.
UPDATE join_codes
SET revoked_at = COALESCE(revoked_at, created_at),
    code_hash = 'retired:' || id
WHERE code_hash NOT LIKE 'retired:%';

UPDATE audit_log
SET detail_json = json_remove(detail_json, '$.hash')
WHERE action = 'join-code.issued' AND detail_json IS NOT NULL AND json_valid(detail_json);
