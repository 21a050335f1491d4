-- V6: the catalog holds every copy of a snapshot: version 1 is the first, a later copy of the same
-- id with other bytes gets the next number (a verified copy is never replaced), and origin says who
-- made it. Every copy so far came from a nightly run and was the first of its id.
ALTER TABLE backup_catalog ADD COLUMN version INT DEFAULT 1 NOT NULL;
ALTER TABLE backup_catalog ADD COLUMN origin VARCHAR(32) DEFAULT 'NIGHTLY' NOT NULL;
ALTER TABLE backup_catalog DROP CONSTRAINT backup_catalog_pk;
ALTER TABLE backup_catalog ADD CONSTRAINT backup_catalog_pk PRIMARY KEY (manager, snapshot_id, version);
