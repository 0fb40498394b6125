-- Change notifications for the lookup cache (issue 18): PostgreSQL only (statement triggers that NOTIFY every bot
-- instance, see Postgres/0009_lookup_notifications.sql). SQLite has one writer, the bot's own process, which sees every
-- change through SQLite's update hook; on SQL Server nothing is cached. Nothing to change here; the script exists so
-- that every provider has the same migrations.
SELECT 1;
