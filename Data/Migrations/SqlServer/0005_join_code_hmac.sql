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
