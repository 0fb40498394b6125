-- Issue 12: closed rounds are frozen, answers keep the partner they were given for, k is never lowered retroactively.

-- The partner the member belonged to when they answered; a later move to another partner does not move the answer.
ALTER TABLE responses ADD COLUMN partner_id uuid NULL REFERENCES partners (id);
UPDATE responses SET partner_id = m.partner_id FROM members m WHERE m.id = responses.member_id;

-- The k a round closed under (NULL until its snapshot exists: older rounds are frozen at their first read).
ALTER TABLE rounds ADD COLUMN frozen_k integer NULL;

-- What a closed round shows, taken when it closes: per slice ('all' or a partner id) and measure ('respondents',
-- 'comments', 'calculative', 'relational', 'facet:<facet>', 'item:<item id>'), the count and, only where the
-- disclosure rule allowed it under the round's k (shown), the mean and the standard deviation. Anonymous aggregates only:
-- "forget me" leaves them as they are.
CREATE TABLE round_snapshots (
    round_id uuid NOT NULL REFERENCES rounds (id),
    slice text NOT NULL,
    measure text NOT NULL,
    n integer NOT NULL,
    shown boolean NOT NULL,
    mean double precision NULL,
    sd double precision NULL,
    CONSTRAINT pk_round_snapshots PRIMARY KEY (round_id, slice, measure)
);

-- Lowering k: one manager proposes, a manager of every other partner confirms; it applies to rounds that close at
-- least seven days after the last confirmation.
CREATE TABLE k_proposals (
    id uuid NOT NULL PRIMARY KEY,
    alliance_id uuid NOT NULL REFERENCES alliances (id),
    k integer NOT NULL,
    proposed_by uuid NULL REFERENCES contacts (id),
    partner_id uuid NOT NULL REFERENCES partners (id),
    proposed_at timestamptz NOT NULL,
    confirmed_at timestamptz NULL,
    effective_from timestamptz NULL,
    withdrawn_at timestamptz NULL
);
CREATE INDEX ix_k_proposals_alliance ON k_proposals (alliance_id);

CREATE TABLE k_confirmations (
    proposal_id uuid NOT NULL REFERENCES k_proposals (id),
    partner_id uuid NOT NULL REFERENCES partners (id),
    confirmed_by uuid NULL REFERENCES contacts (id),
    confirmed_at timestamptz NOT NULL,
    CONSTRAINT pk_k_confirmations PRIMARY KEY (proposal_id, partner_id)
);
