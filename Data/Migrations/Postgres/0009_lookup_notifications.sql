-- Change notifications for the lookup cache (issue 18, docs/storage.md): every bot instance caches alliances,
-- partners, rounds and memberships in memory and listens on the channel alliancebot_lookups; a statement that changes
-- one of those tables (or deletes a contact) sends one notification, delivered to every listener when its transaction
-- commits (none when it rolls back), and every instance drops its cached entries. One notification per statement at
-- most (a transaction's identical notifications are delivered once); answers, sightings and the outbox do not touch
-- these tables, so the answer path sends none.
CREATE FUNCTION alliancebot_lookups_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('alliancebot_lookups', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER tr_alliances_lookups AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON alliances
    FOR EACH STATEMENT EXECUTE FUNCTION alliancebot_lookups_changed();
CREATE TRIGGER tr_partners_lookups AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON partners
    FOR EACH STATEMENT EXECUTE FUNCTION alliancebot_lookups_changed();
CREATE TRIGGER tr_rounds_lookups AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rounds
    FOR EACH STATEMENT EXECUTE FUNCTION alliancebot_lookups_changed();
CREATE TRIGGER tr_members_lookups AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON members
    FOR EACH STATEMENT EXECUTE FUNCTION alliancebot_lookups_changed();
CREATE TRIGGER tr_contacts_lookups AFTER DELETE OR TRUNCATE ON contacts
    FOR EACH STATEMENT EXECUTE FUNCTION alliancebot_lookups_changed();
