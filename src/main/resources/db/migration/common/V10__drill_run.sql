-- V10: restore drills (drill.DrillService): one row per drill operation, written when the drill
-- starts (verdict RUNNING) and completed once with its verdict, reason and RTO (total and per phase,
-- `phase=millis` pairs separated by `;`, in phase order).
CREATE TABLE drill_run (
  operation_id VARCHAR(64) NOT NULL,
  manager VARCHAR(200) NOT NULL,
  target VARCHAR(200) NOT NULL,
  slot_at BIGINT,
  snapshot_id VARCHAR(256) NOT NULL,
  started_at BIGINT NOT NULL,
  finished_at BIGINT,
  verdict VARCHAR(16) NOT NULL,
  reason VARCHAR(4000),
  phases VARCHAR(1000),
  total_ms BIGINT,
  CONSTRAINT drill_run_pk PRIMARY KEY (operation_id)
);
CREATE INDEX drill_run_manager_ix ON drill_run (manager, started_at);
