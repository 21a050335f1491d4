/**
 * Approval requests for destructive actions: who asked, what exactly (a fingerprint of the target),
 * who may approve, how many votes, when it expires — and exactly-once decisions.
 *
 * <p>{@link io.cfychatops.approvals.ApprovalService} holds the rules; it reaches the database only
 * through the {@link io.cfychatops.approvals.ApprovalRepository} and {@link
 * io.cfychatops.approvals.AuditRepository} ports (implemented in {@code store}), and never imports
 * JDBC, Slack or HTTP types. Every state change is a compare-and-set in the store, so two bot
 * instances handling two clicks at once still produce one decision. {@link
 * io.cfychatops.approvals.ApprovalCards} renders a request as a transport-neutral {@code
 * chat.Message}.
 */
package io.cfychatops.approvals;
