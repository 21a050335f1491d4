/**
 * The db-scheduler adapter: {@link io.cfychatops.scheduling.SchedulerFactory} builds the scheduler
 * on the store's database, {@link io.cfychatops.scheduling.BackupTasks} are the recurring tasks the
 * deployed bot starts (nightly tick, dead-man check) and {@link
 * io.cfychatops.scheduling.DbSchedulerOperations} is the task that ticks durable operations (chat
 * operations and nightly runs alike). {@code backup.NightlySchedule} still parses its cron
 * expressions with db-scheduler's {@code CronSchedule} (a parser, not scheduling).
 */
package io.cfychatops.scheduling;
