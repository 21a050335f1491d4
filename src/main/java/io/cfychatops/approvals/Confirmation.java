package io.cfychatops.approvals;

import org.jspecify.annotations.Nullable;

/**
 * How a vote is confirmed. When {@code required} (the request's policy has typed confirmation), the
 * APPROVE that would complete the quorum counts only with {@code typed} equal to the request's
 * {@link ApprovalRequest#confirmationText()} (exactly, case-sensitive); earlier approvals and
 * denials are plain clicks. A {@code typed} value that is given but wrong refuses any vote,
 * completing or not: nothing is counted.
 *
 * @param required whether the request needs typed confirmation
 * @param typed what the voter typed (a Slack modal's field, the console's {@code --confirm}), or
 *     null for a click
 */
public record Confirmation(boolean required, @Nullable String typed) {

  /** A click on a request that needs no typing. */
  public static final Confirmation NONE = new Confirmation(false, null);

  /** A click (nothing typed) on a request that needs typing when {@code required}. */
  public static Confirmation click(boolean required) {
    return new Confirmation(required, null);
  }

  /** Something typed, e.g. {@code --confirm SNAPSHOT_ID}. */
  public static Confirmation typed(boolean required, String typed) {
    return new Confirmation(required, typed);
  }

  /** True when {@code typed} is given and is exactly {@code r}'s confirmation text. */
  boolean matches(ApprovalRequest r) {
    return typed != null && typed.equals(r.confirmationText());
  }
}
