-- V4: the dead-man alarm Slack posts for us (backup.DeadManAlarm). One row per manager: the message
-- scheduled with chat.scheduleMessage in the reports channel, dead_man_after ahead of the manager's
-- newest verified copy. Replaced by compare-and-set on version, so restarts and replicas keep
-- exactly one alarm per manager.
CREATE TABLE dead_man_alarm (
  manager VARCHAR(256) NOT NULL,
  channel VARCHAR(200) NOT NULL,
  channel_id VARCHAR(200) NOT NULL,
  scheduled_message_id VARCHAR(200) NOT NULL,
  post_at BIGINT NOT NULL,
  basis_at BIGINT,
  version BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(200) NOT NULL,
  CONSTRAINT dead_man_alarm_pk PRIMARY KEY (manager)
);
