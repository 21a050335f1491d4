/**
 * API surface of the Cloudify Manager REST API v3.1 ({@code /api/v3.1/...}), as described in {@code
 * cloudify-api.md}: snapshots (list, get, create, delete, download, upload, restore, restore
 * status), executions (get, list, cancel), maintenance mode, {@code /status}, {@code
 * /cluster-status} and {@code /version}.
 *
 * <p>What lives here:
 *
 * <ul>
 *   <li>{@link io.cfychatops.cloudify.CloudifyClient}: the client interface, one immutable,
 *       thread-safe instance per manager + credentials, configured by {@link
 *       io.cfychatops.cloudify.ManagerConnection}; implemented in {@code cloudify.http}.
 *   <li>Typed values: records for payloads ({@link io.cfychatops.cloudify.Snapshot}, {@link
 *       io.cfychatops.cloudify.Execution}, {@link io.cfychatops.cloudify.MaintenanceState}, ...)
 *       and enums with behaviour ({@link io.cfychatops.cloudify.ExecutionStatus#isTerminal()}).
 *       {@link io.cfychatops.cloudify.SnapshotId} validates the Cloudify id rule so callers can
 *       reject bad ids before any HTTP call.
 *   <li>One unchecked exception family rooted at {@link io.cfychatops.cloudify.CloudifyException},
 *       mapped once, at the client edge, from HTTP status and {@code error_code}.
 * </ul>
 *
 * <p>OkHttp and Jackson belong to the implementation in {@code io.cfychatops.cloudify.http}:
 * nothing in this package mentions them. The composition root builds clients there; {@code core}
 * reaches managers only through {@code ops.ManagerPort}.
 */
package io.cfychatops.cloudify;
