/**
 * The composition root: {@link io.cfychatops.app.Main} parses the subcommand, {@link
 * io.cfychatops.app.Bot} wires config, store, managers, access, approvals, operations and backups
 * to a chat transport. Nothing else in the code base constructs the whole graph.
 */
package io.cfychatops.app;
