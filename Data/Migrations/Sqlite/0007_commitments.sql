-- Commitments (issue 17, docs/commitments.md): an advice item of the health check that a manager (or a member, when
-- the alliance allows it) promised to carry out before a round closes. advice_id names the item in the advice
-- catalogue (its text is read from there in the reader's language); dimension is the trust dimension it targets.
-- base_round is the last closed round when it was made (the movement is measured from there); due_round the round
-- by whose close it must be done. status: open, kept, missed. The owner and the maker are members; "forget me"
-- sets them to NULL (shown as "a former member") and keeps the commitment, which belongs to the alliance.
CREATE TABLE commitments (
    id TEXT NOT NULL PRIMARY KEY,
    alliance_id TEXT NOT NULL REFERENCES alliances (id),
    number INTEGER NOT NULL,
    advice_id TEXT NOT NULL,
    dimension TEXT NOT NULL,
    owner_member_id TEXT NULL REFERENCES members (id),
    made_by_member_id TEXT NULL REFERENCES members (id),
    base_round INTEGER NULL,
    due_round INTEGER NOT NULL,
    status TEXT NOT NULL,
    made_at TEXT NOT NULL,
    settled_at TEXT NULL,
    settled_by_member_id TEXT NULL REFERENCES members (id),
    CONSTRAINT uq_commitments_number UNIQUE (alliance_id, number)
);
CREATE INDEX ix_commitments_owner ON commitments (owner_member_id);

-- Whether members (not only managers) may turn advice into commitments ("commitments members on|off"); off by default.
ALTER TABLE alliances ADD members_may_commit INTEGER NOT NULL DEFAULT 0;
