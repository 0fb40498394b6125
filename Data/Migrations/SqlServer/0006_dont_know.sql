-- "Don't know / not applicable" (issue 13, docs/pulse.md): an acknowledged answer that carries no score. It lives in
-- its own table, not as a value in responses, so every existing reader of responses (means, SDs, intervals, trends,
-- baselines, alerts, positions, α, the export's means) keeps reading scores 1–5 only and cannot pull a mean toward 3;
-- existing rows stay valid and untouched. A member has at most one answer per round and item: either a row in
-- responses (a score) or a row here, never both (the writer removes the other in the same transaction).
-- partner_id: the partner the member answered for, as in responses.
CREATE TABLE dont_know_answers (
    round_id uniqueidentifier NOT NULL REFERENCES rounds (id),
    member_id uniqueidentifier NOT NULL REFERENCES members (id),
    item_id nvarchar(64) NOT NULL,
    answered_at datetimeoffset(7) NOT NULL,
    partner_id uniqueidentifier NULL REFERENCES partners (id),
    CONSTRAINT pk_dont_know_answers PRIMARY KEY (round_id, member_id, item_id)
);
CREATE INDEX ix_dont_know_answers_member ON dont_know_answers (member_id);
