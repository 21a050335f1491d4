/**
 * The core every transport shares. {@link io.cfychatops.core.ChatOps} is the entry point (delivery
 * dedupe, the work executor, button routing); {@link io.cfychatops.core.CommandRouter} is the one
 * dispatch of a parsed command (a {@code command.Command.Visitor}); {@link
 * io.cfychatops.core.ManagerScope} admits a command to a manager (role, tenant, audit); {@link
 * io.cfychatops.core.ApprovalFlow} takes operation commands through their {@link
 * io.cfychatops.core.Preflight}, the approval policy and {@link io.cfychatops.core.ApprovedStarts}
 * to the {@code ops} engine ({@link io.cfychatops.core.OperationRequests}); queries answer from the
 * managers, the engine and the nightly backups; {@link io.cfychatops.core.HomeTab} is the App Home
 * behind the {@link io.cfychatops.core.AppHome} port the transports call.
 *
 * <p>It speaks to people only through {@code chat} types and never imports Slack classes.
 */
package io.cfychatops.core;
