-- Issue 19: instants in UTC and Guids in one spelling. On PostgreSQL ids are uuid (one spelling by type) and every
-- time column was created as timestamptz, which stores an instant; the driver now always sends offset 0 (Npgsql
-- refuses any other offset, which is how no round opened for an alliance outside UTC). Nothing to rewrite, but a
-- database whose time columns were made 'timestamp without time zone' by hand is converted, reading the old values
-- as UTC. Idempotent: a timestamptz column is left as it is.
DO $$
DECLARE
    col record;
BEGIN
    FOR col IN
        SELECT table_name, column_name
        FROM information_schema.columns
        WHERE table_schema = current_schema()
          AND data_type = 'timestamp without time zone'
          AND table_name IN ('contacts', 'alliances', 'partners', 'members', 'alliance_phases', 'join_codes', 'join_code_failures', 'rounds', 'responses', 'comments', 'outbox', 'alerts_sent', 'audit_log', 'dialog_states', 'inbound_deliveries')
    LOOP
        EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE timestamptz USING %I AT TIME ZONE ''UTC''',
            col.table_name, col.column_name, col.column_name);
    END LOOP;
END
$$;
