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
