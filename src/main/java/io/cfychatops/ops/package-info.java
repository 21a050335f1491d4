/**
 * Durable operations: runbooks (create, download, upload, delete, maintenance, restore) run as
 * persisted step state machines, driven one short "tick" at a time by a scheduler (db-scheduler in
 * production, a manual queue in tests and the console), with a shared per-manager poller and one
 * living progress message per operation.
 *
 * <p>The package owns the one manager port, {@link io.cfychatops.ops.ManagerPort} (the engine and
 * the nightly backup use it; {@code app.CloudifyManagerPort} adapts it to the client), talks to
 * chat only through {@link io.cfychatops.chat.ChatPort}; state goes through {@link
 * io.cfychatops.ops.OperationStore}. Execution parameters (they carry the manager's database
 * password) never enter this package: {@link io.cfychatops.ops.ManagerPort.ExecutionInfo} has no
 * parameter map.
 */
package io.cfychatops.ops;
