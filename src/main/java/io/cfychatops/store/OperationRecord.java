package io.cfychatops.store;

import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.MessageRef;
import java.time.Instant;

/**
 * A stored operation (one row of {@code operation}).
 *
 * @param message the status message the runbook keeps updating (its thread holds progress lines)
 * @param thread where progress replies go, when not in {@code message}'s thread
 * @param executionId the Cloudify execution the current step waits on (re-attach after a crash)
 * @param version incremented by every status transition
 */
public record OperationRecord(
    String id,
    String kind,
    String manager,
    String tenant,
    String paramsJson,
    ChatUser requestedBy,
    String approvalId,
    OperationStatus status,
    String currentStep,
    String executionId,
    MessageRef message,
    MessageRef thread,
    String incidentChannel,
    Instant createdAt,
    Instant updatedAt,
    Instant finishedAt,
    String summary,
    long version) {}
