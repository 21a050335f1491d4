package io.cfychatops.approvals;

import io.cfychatops.text.Truncate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The sentences of the approval rules: tallies, states, what changed, times, logged references. */
final class ApprovalTexts {
  private ApprovalTexts() {}

  /** What differs between the approved target and the one seen now, for the supersede reason. */
  static String explain(Fingerprint.Inputs was, Fingerprint.Inputs now) {
    List<String> snapshot = new ArrayList<>();
    if (!Objects.equals(nz(was.snapshotStatus()), nz(now.snapshotStatus()))) {
      snapshot.add("status " + show(was.snapshotStatus()) + " → " + show(now.snapshotStatus()));
    }
    if (!Objects.equals(nz(was.snapshotCreatedAt()), nz(now.snapshotCreatedAt()))) {
      snapshot.add(
          "created_at " + show(was.snapshotCreatedAt()) + " → " + show(now.snapshotCreatedAt()));
    }
    List<String> parts = new ArrayList<>();
    if (!snapshot.isEmpty()) {
      parts.add("the snapshot changed since approval: " + String.join(", ", snapshot));
    }
    if (!Objects.equals(nz(was.managerUrl()), nz(now.managerUrl()))) {
      parts.add(
          "the manager URL changed: " + show(was.managerUrl()) + " → " + show(now.managerUrl()));
    }
    if (!Objects.equals(nz(was.tenant()), nz(now.tenant()))) {
      parts.add("the tenant changed: " + show(was.tenant()) + " → " + show(now.tenant()));
    }
    if (!Objects.equals(nz(was.commandText()), nz(now.commandText()))) {
      parts.add("the command changed: `" + was.commandText() + "` → `" + now.commandText() + "`");
    }
    return parts.isEmpty() ? "the target changed since approval" : String.join("; ", parts);
  }

  /** "1 of 2 approvals: @ana" (or "0 of 2 approvals"). */
  static String tally(List<Vote> approvals, int needed) {
    String names =
        approvals.stream().map(v -> v.voter().handle()).collect(Collectors.joining(", "));
    return approvals.size()
        + " of "
        + needed
        + " approval"
        + (needed == 1 ? "" : "s")
        + (names.isEmpty() ? "" : ": " + names);
  }

  /** Why a non-pending request takes no more votes, naming its state. */
  static String notPending(ApprovalRequest r) {
    String what =
        switch (r.status()) {
          case PENDING -> "is still pending";
          case APPROVED -> "was already approved";
          case DENIED -> "was denied";
          case EXPIRED -> "has expired";
          case CANCELLED -> "was cancelled";
          case SUPERSEDED -> "was superseded";
        };
    String why = r.statusReason() == null ? "" : " (" + r.statusReason() + ")";
    return "Request " + r.id() + " " + what + why + "; it takes no more votes.";
  }

  static String utc(Instant t) {
    return t == null
        ? "-"
        : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }

  static String show(String s) {
    return s == null || s.isEmpty() ? "(none)" : s;
  }

  static String sanitize(String s) {
    if (s == null) {
      return "(null)";
    }
    String t = s.replaceAll("[^\\x20-\\x7E]", "?");
    return Truncate.clip(t, 61);
  }
}
