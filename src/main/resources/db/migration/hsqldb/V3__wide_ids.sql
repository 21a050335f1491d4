-- V3: columns holding user-supplied ids fit the longest valid value (HSQLDB syntax).
-- Snapshot ids are up to 256 characters (command.SnapshotIds.MAX_LENGTH); command text up to 4000
-- (command.CommandParser.MAX_INPUT_LENGTH), and its canonical form may be a little longer.
-- SET DATA TYPE keeps NOT NULL, keys and indexes. Widening never loses data.
ALTER TABLE approval_request ALTER COLUMN snapshot_id SET DATA TYPE VARCHAR(256);
ALTER TABLE approval_request ALTER COLUMN command_text SET DATA TYPE VARCHAR(8000);
ALTER TABLE nightly_run ALTER COLUMN snapshot_id SET DATA TYPE VARCHAR(256);
ALTER TABLE backup_catalog ALTER COLUMN snapshot_id SET DATA TYPE VARCHAR(256);
