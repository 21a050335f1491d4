package io.cfychatops.cloudify;

/**
 * Result of activating or deactivating maintenance mode.
 *
 * @param changed false when the manager answered 304 (already in, or entering, that state); not an
 *     error
 * @param state the state after the call; on 304 it is re-read with {@code GET /maintenance}
 */
public record MaintenanceChange(boolean changed, MaintenanceState state) {}
