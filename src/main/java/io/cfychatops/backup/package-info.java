/**
 * Nightly backups of Cloudify Managers: the schedule ({@link
 * io.cfychatops.backup.NightlySchedule}), the run ({@link io.cfychatops.backup.NightlyService}),
 * off-manager copies in an {@link io.cfychatops.backup.ArchiveStore} checked by an {@link
 * io.cfychatops.archive.ArchiveVerifier}, GFS retention ({@link
 * io.cfychatops.backup.RetentionPlanner}), the report and command renderings ({@link
 * io.cfychatops.backup.BackupReport}, {@link io.cfychatops.backup.BackupMessages}), the dead-man
 * alert ({@link io.cfychatops.backup.DeadManCheck}), the alarm Slack posts when the bot is dead
 * ({@link io.cfychatops.backup.DeadManAlarm}, on a {@link io.cfychatops.backup.DeadManAlarmStore}).
 *
 * <p>The package talks to managers through the one manager port, {@link
 * io.cfychatops.ops.ManagerPort} (adapted to the real client in {@code app}), and to the database
 * through {@link io.cfychatops.backup.NightlyRunLog} and {@link io.cfychatops.backup.BackupCatalog}
 * (implemented in {@code store}). Time always comes from an injected {@link java.time.Clock}.
 */
package io.cfychatops.backup;
