-- Issue 12: closed rounds are frozen, answers keep the partner they were given for, k is never lowered retroactively.
-- See Migrations/Sqlite/0003_frozen_rounds.sql for the meaning of each table and column.

ALTER TABLE responses ADD partner_id uniqueidentifier NULL REFERENCES partners (id);
GO
UPDATE x SET x.partner_id = m.partner_id FROM responses x JOIN members m ON m.id = x.member_id;
GO

ALTER TABLE rounds ADD frozen_k int NULL;
GO

CREATE TABLE round_snapshots (
    round_id uniqueidentifier NOT NULL REFERENCES rounds (id),
    slice nvarchar(64) NOT NULL,
    measure nvarchar(100) NOT NULL,
    n int NOT NULL,
    shown bit NOT NULL,
    mean float NULL,
    sd float NULL,
    CONSTRAINT pk_round_snapshots PRIMARY KEY (round_id, slice, measure)
);
GO

CREATE TABLE k_proposals (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    alliance_id uniqueidentifier NOT NULL REFERENCES alliances (id),
    k int NOT NULL,
    proposed_by uniqueidentifier NULL REFERENCES contacts (id),
    partner_id uniqueidentifier NOT NULL REFERENCES partners (id),
    proposed_at datetimeoffset(7) NOT NULL,
    confirmed_at datetimeoffset(7) NULL,
    effective_from datetimeoffset(7) NULL,
    withdrawn_at datetimeoffset(7) NULL
);
CREATE INDEX ix_k_proposals_alliance ON k_proposals (alliance_id);
GO

CREATE TABLE k_confirmations (
    proposal_id uniqueidentifier NOT NULL REFERENCES k_proposals (id),
    partner_id uniqueidentifier NOT NULL REFERENCES partners (id),
    confirmed_by uniqueidentifier NULL REFERENCES contacts (id),
    confirmed_at datetimeoffset(7) NOT NULL,
    CONSTRAINT pk_k_confirmations PRIMARY KEY (proposal_id, partner_id)
);
GO
