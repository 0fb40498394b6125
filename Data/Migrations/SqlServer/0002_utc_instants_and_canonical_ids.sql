-- Issue 19: instants in UTC and Guids in one spelling. Ids are uniqueidentifier (one spelling by type). Times are
-- datetimeoffset: SQL Server compares them as instants, but until now SqlClient stored the caller's offset
-- (+01:00 from an alliance in Europe/Amsterdam). Every value is moved to offset 0, the same instant.
-- Idempotent: values already at +00:00 are not touched.

UPDATE contacts SET last_seen_at = SWITCHOFFSET(last_seen_at, '+00:00') WHERE DATEPART(TZOFFSET, last_seen_at) <> 0;
UPDATE alliances SET created_at = SWITCHOFFSET(created_at, '+00:00') WHERE DATEPART(TZOFFSET, created_at) <> 0;
UPDATE partners SET created_at = SWITCHOFFSET(created_at, '+00:00') WHERE DATEPART(TZOFFSET, created_at) <> 0;
UPDATE members SET joined_at = SWITCHOFFSET(joined_at, '+00:00') WHERE DATEPART(TZOFFSET, joined_at) <> 0;
UPDATE members SET removed_at = SWITCHOFFSET(removed_at, '+00:00') WHERE DATEPART(TZOFFSET, removed_at) <> 0;
UPDATE alliance_phases SET changed_at = SWITCHOFFSET(changed_at, '+00:00') WHERE DATEPART(TZOFFSET, changed_at) <> 0;
UPDATE join_codes SET created_at = SWITCHOFFSET(created_at, '+00:00') WHERE DATEPART(TZOFFSET, created_at) <> 0;
UPDATE join_codes SET expires_at = SWITCHOFFSET(expires_at, '+00:00') WHERE DATEPART(TZOFFSET, expires_at) <> 0;
UPDATE join_codes SET revoked_at = SWITCHOFFSET(revoked_at, '+00:00') WHERE DATEPART(TZOFFSET, revoked_at) <> 0;
UPDATE join_code_failures SET failed_at = SWITCHOFFSET(failed_at, '+00:00') WHERE DATEPART(TZOFFSET, failed_at) <> 0;
UPDATE rounds SET opened_at = SWITCHOFFSET(opened_at, '+00:00') WHERE DATEPART(TZOFFSET, opened_at) <> 0;
UPDATE rounds SET closes_at = SWITCHOFFSET(closes_at, '+00:00') WHERE DATEPART(TZOFFSET, closes_at) <> 0;
UPDATE rounds SET closed_at = SWITCHOFFSET(closed_at, '+00:00') WHERE DATEPART(TZOFFSET, closed_at) <> 0;
UPDATE responses SET answered_at = SWITCHOFFSET(answered_at, '+00:00') WHERE DATEPART(TZOFFSET, answered_at) <> 0;
UPDATE comments SET written_at = SWITCHOFFSET(written_at, '+00:00') WHERE DATEPART(TZOFFSET, written_at) <> 0;
UPDATE outbox SET next_attempt_at = SWITCHOFFSET(next_attempt_at, '+00:00') WHERE DATEPART(TZOFFSET, next_attempt_at) <> 0;
UPDATE outbox SET claimed_until = SWITCHOFFSET(claimed_until, '+00:00') WHERE DATEPART(TZOFFSET, claimed_until) <> 0;
UPDATE outbox SET created_at = SWITCHOFFSET(created_at, '+00:00') WHERE DATEPART(TZOFFSET, created_at) <> 0;
UPDATE outbox SET finished_at = SWITCHOFFSET(finished_at, '+00:00') WHERE DATEPART(TZOFFSET, finished_at) <> 0;
UPDATE alerts_sent SET sent_at = SWITCHOFFSET(sent_at, '+00:00') WHERE DATEPART(TZOFFSET, sent_at) <> 0;
UPDATE audit_log SET acted_at = SWITCHOFFSET(acted_at, '+00:00') WHERE DATEPART(TZOFFSET, acted_at) <> 0;
UPDATE dialog_states SET updated_at = SWITCHOFFSET(updated_at, '+00:00') WHERE DATEPART(TZOFFSET, updated_at) <> 0;
UPDATE dialog_states SET expires_at = SWITCHOFFSET(expires_at, '+00:00') WHERE DATEPART(TZOFFSET, expires_at) <> 0;
UPDATE inbound_deliveries SET seen_at = SWITCHOFFSET(seen_at, '+00:00') WHERE DATEPART(TZOFFSET, seen_at) <> 0;
