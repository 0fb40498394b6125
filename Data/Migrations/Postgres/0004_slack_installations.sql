-- One row per Slack installation of the app (a workspace, or a whole Enterprise Grid org for an org-wide install).
-- Tokens are stored only encrypted (AES-256-GCM under a key from Slack:TokenEncryptionKeys, the key id is part of
-- the ciphertext); revoking an installation deletes its tokens and keeps the row for the record.
-- installation_key is 'E:<enterprise_id>' for an org-wide install and 'T:<team_id>' for a workspace install.
CREATE TABLE slack_installations (
    installation_key text NOT NULL PRIMARY KEY,
    team_id text NULL,
    enterprise_id text NULL,
    is_enterprise_install boolean NOT NULL DEFAULT false,
    app_id text NULL,
    bot_user_id text NULL,
    bot_token_encrypted text NULL,
    refresh_token_encrypted text NULL,
    expires_at timestamptz NULL,
    installed_at timestamptz NOT NULL,
    revoked_at timestamptz NULL,
    refresh_lease_until timestamptz NULL
);
CREATE INDEX ix_slack_installations_team ON slack_installations (team_id);
CREATE INDEX ix_slack_installations_enterprise ON slack_installations (enterprise_id);

-- Workspaces seen as part of an Enterprise Grid org (from the enterprise_id of their requests): an org-wide install
-- serves them, also for proactive sends after a restart, and revoking it reaches their contacts.
CREATE TABLE slack_enterprise_teams (
    team_id text NOT NULL PRIMARY KEY,
    enterprise_id text NOT NULL,
    seen_at timestamptz NOT NULL
);
CREATE INDEX ix_slack_enterprise_teams_enterprise ON slack_enterprise_teams (enterprise_id);
