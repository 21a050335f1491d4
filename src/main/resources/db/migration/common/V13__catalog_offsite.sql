-- V13: the off-site copy of a catalogued archive (issue 13): its state (VERIFIED: pushed and read back
-- byte-exact; FAILED: the reason says why), the object key, the object-lock date when locked, when it
-- was decided, and the reason of a failure. NULL state: never pushed.
ALTER TABLE backup_catalog ADD COLUMN offsite_state VARCHAR(16);
ALTER TABLE backup_catalog ADD COLUMN offsite_key VARCHAR(1200);
ALTER TABLE backup_catalog ADD COLUMN offsite_locked_until BIGINT;
ALTER TABLE backup_catalog ADD COLUMN offsite_at BIGINT;
ALTER TABLE backup_catalog ADD COLUMN offsite_reason VARCHAR(1000);
