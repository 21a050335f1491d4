package io.cfychatops.store;

import io.cfychatops.chat.ChatUser;
import java.util.Objects;

/**
 * An operation to create. {@code paramsJson} is written by the caller and must never hold secrets;
 * {@code approvalId} (nullable) is unique across operations, so an approval starts at most one.
 */
public record NewOperation(
    String id,
    String kind,
    String manager,
    String tenant,
    String paramsJson,
    ChatUser requestedBy,
    String approvalId) {
  public NewOperation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(requestedBy, "requestedBy");
    tenant = tenant == null ? "" : tenant;
    paramsJson = paramsJson == null ? "{}" : paramsJson;
  }
}
