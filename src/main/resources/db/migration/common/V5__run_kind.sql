-- V5: a nightly run says why it ran in its own column, and which durable operation ran it.
-- Until now a manual run was recorded as claimed_by = 'manual:<owner>' and a catch-up run as
-- catch_up = TRUE; the old rows are converted and catch_up goes (kind is the one home).
-- status: SKIPPED was never written; any such row reads as FAILED.
ALTER TABLE nightly_run ADD COLUMN kind VARCHAR(16) DEFAULT 'SCHEDULED' NOT NULL;
ALTER TABLE nightly_run ADD COLUMN operation_id VARCHAR(64);
UPDATE nightly_run SET kind = 'CATCH_UP' WHERE catch_up = TRUE;
UPDATE nightly_run SET kind = 'MANUAL', claimed_by = SUBSTRING(claimed_by FROM 8) WHERE claimed_by LIKE 'manual:%';
UPDATE nightly_run SET status = 'FAILED' WHERE status = 'SKIPPED';
ALTER TABLE nightly_run DROP COLUMN catch_up;
