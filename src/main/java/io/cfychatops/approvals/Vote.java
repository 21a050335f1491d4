package io.cfychatops.approvals;

import io.cfychatops.chat.ChatUser;
import java.time.Instant;
import java.util.Objects;

/** One person's vote on one request; a person votes at most once per request. */
public record Vote(String requestId, ChatUser voter, Decision decision, Instant at) {
  public Vote {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(voter, "voter");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(at, "at");
  }
}
