package io.cfychatops.core;

import io.cfychatops.chat.ChatUser;
import io.cfychatops.command.Globals;
import io.cfychatops.command.OperationCommand;
import java.util.List;
import java.util.Objects;

/**
 * An operation command cleared to run: by policy, or because its approval completed.
 *
 * @param approvers who approved it; empty when no approval was needed
 * @param approvalId the approval it runs under; null when none was needed
 */
record OperationOrder(
    String manager,
    OperationCommand command,
    Globals globals,
    ChatUser requester,
    String channel,
    List<String> approvers,
    String approvalId) {
  OperationOrder {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(globals, "globals");
    Objects.requireNonNull(requester, "requester");
    approvers = List.copyOf(approvers);
  }
}
