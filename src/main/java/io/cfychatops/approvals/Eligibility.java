package io.cfychatops.approvals;

import io.cfychatops.chat.ChatUser;
import java.util.Optional;

/**
 * Supplied by the access layer: may {@code voter} vote on {@code request}? It checks the voter's
 * roles and group memberships against {@code request.approverRoles()} / {@code approverGroups()} on
 * {@code request.manager()}. Must not block for long (group membership is cached there).
 */
@FunctionalInterface
public interface Eligibility {

  /**
   * Empty when {@code voter} may vote; otherwise a sentence saying what is missing, e.g. "You need
   * the approver or admin role on prod (or membership of @ops-leads)".
   */
  Optional<String> whyNot(ChatUser voter, ApprovalRequest request);

  /** True when {@code user} may cancel other people's requests on that manager (admins). */
  default boolean isAdmin(ChatUser user, ApprovalRequest request) {
    return false;
  }

  /** Everyone may vote (tests, demos). */
  static Eligibility anyone() {
    return (v, r) -> Optional.empty();
  }
}
