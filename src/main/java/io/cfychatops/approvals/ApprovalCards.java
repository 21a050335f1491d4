package io.cfychatops.approvals;

import io.cfychatops.access.Role;
import io.cfychatops.chat.Button;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.text.Redactor;
import io.cfychatops.text.Truncate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Renders an approval request as a transport-neutral card. While pending it carries three buttons
 * whose value is only the request id: {@value #APPROVE} (primary, with a confirmation dialog),
 * {@value #DENY} (danger) and {@value #CANCEL} (for the requester). Final states carry no buttons
 * and say how the request ended.
 */
public final class ApprovalCards {
  public static final String APPROVE = "approval.approve";
  public static final String DENY = "approval.deny";
  public static final String CANCEL = "approval.cancel";

  private ApprovalCards() {}

  /**
   * What a restore's archive preview adds to its card: warnings (shown under the request line) and
   * rows (after the plan). The texts hold only what may leave an archive (counts, blueprint and
   * deployment ids, versions).
   */
  public record Preview(List<String> warnings, List<String> rows) {
    public static final Preview NONE = new Preview(List.of(), List.of());

    public Preview {
      warnings = List.copyOf(warnings);
      rows = List.copyOf(rows);
    }
  }

  public static Message render(ApprovalRequest r, List<Vote> votes) {
    return render(r, votes, Preview.NONE);
  }

  public static Message render(ApprovalRequest r, List<Vote> votes, Preview preview) {
    List<Vote> approvals = votes.stream().filter(v -> v.decision() == Decision.APPROVE).toList();
    Message.Builder b = Message.builder(status(r), title(r));
    String command =
        Redactor.forDisplay(
            r.commandText()); // an upload URL as scheme://host/path: its query is a credential
    b.line(r.requester().handle() + " asks to run `" + command + "`");
    outcome(r).ifPresent(b::line);
    operation(r).ifPresent(b::line);
    preview.warnings().forEach(w -> b.line("Warning: " + Redactor.forDisplay(w)));

    b.field("Manager", r.manager());
    b.field("Tenant", r.tenant().isEmpty() ? "-" : r.tenant());
    b.code("Command", command);
    if (r.snapshotId() != null) {
      b.code(
          "Snapshot",
          r.snapshotId()
              + " (created "
              + (r.snapshotCreatedAt() == null ? "?" : r.snapshotCreatedAt())
              + ", status "
              + (r.snapshotStatus() == null ? "?" : r.snapshotStatus())
              + ")");
    }
    b.field("Requested by", r.requester().handle());
    b.field("Reason", r.reason() == null ? "(none given)" : r.reason());
    b.field("Who may approve", whoMayApprove(r));
    b.field("Approvals needed", r.requiredVotes());
    b.field(r.isPending() ? "Expires" : "Expired/expires", ApprovalTexts.utc(r.expiresAt()));
    b.field("Tally", ApprovalTexts.tally(approvals, r.requiredVotes()));

    int i = 1;
    for (String step : r.plan()) {
      b.row(i++ + ". " + Redactor.forDisplay(step));
    }
    preview.rows().forEach(row -> b.row(Redactor.forDisplay(row)));
    b.context("Request " + r.id() + " · fingerprint " + shortFp(r.fingerprint()));

    if (r.isPending()) {
      b.button(
          new Button(
              "Approve",
              APPROVE,
              r.id(),
              Button.Style.PRIMARY,
              new Button.Confirm(
                  "Approve " + r.action() + " on " + r.manager() + "?",
                  "This will run `" + command + "`.",
                  "Approve",
                  "Not yet")));
      b.button(new Button("Deny", DENY, r.id(), Button.Style.DANGER, null));
      b.button(new Button("Cancel request", CANCEL, r.id(), Button.Style.DEFAULT, null));
    }
    return b.build();
  }

  /** The console's hint under a pending card. */
  public static String consoleHint(ApprovalRequest r) {
    return "Type `approve " + r.id() + "` as another user (e.g. `/as bob`) to approve.";
  }

  private static String title(ApprovalRequest r) {
    String what = r.action() + " on " + r.manager();
    return switch (r.status()) {
      case PENDING -> "Approval needed: " + what;
      case APPROVED -> "Approved: " + what;
      case DENIED -> "Denied: " + what;
      case EXPIRED -> "Expired: " + what;
      case CANCELLED -> "Cancelled: " + what;
      case SUPERSEDED -> "Superseded: " + what;
    };
  }

  private static Status status(ApprovalRequest r) {
    return switch (r.status()) {
      case PENDING -> Status.PENDING;
      case APPROVED -> Status.OK;
      case DENIED -> Status.FAILED;
      case EXPIRED, SUPERSEDED -> Status.WARNING;
      case CANCELLED -> Status.INFO;
    };
  }

  private static java.util.Optional<String> outcome(ApprovalRequest r) {
    if (r.isPending()) {
      return java.util.Optional.empty();
    }
    String reason = r.statusReason() == null ? r.status().label() : r.statusReason();
    String when = r.decidedAt() == null ? "" : " at " + ApprovalTexts.utc(r.decidedAt());
    String text =
        switch (r.status()) {
          case EXPIRED ->
              "Expired at " + ApprovalTexts.utc(r.expiresAt()) + " without enough approvals.";
          case SUPERSEDED -> capitalise(reason) + when + ". Ask again if it is still needed.";
          default -> capitalise(reason) + when + ".";
        };
    return java.util.Optional.of(text);
  }

  /** What became of the operation behind an approved (or later voided) request. */
  private static java.util.Optional<String> operation(ApprovalRequest r) {
    if (r.status() == ApprovalStatus.APPROVED) {
      return java.util.Optional.of(
          r.operationId() == null
              ? "Starting the operation…"
              : "Operation "
                  + r.operationId()
                  + " started: `/cfy ops show "
                  + r.operationId()
                  + "`.");
    }
    if (r.status() == ApprovalStatus.SUPERSEDED && r.operationId() != null) {
      return java.util.Optional.of(
          "Operation " + r.operationId() + " stopped before changing anything.");
    }
    return java.util.Optional.empty();
  }

  static String whoMayApprove(ApprovalRequest r) {
    List<String> parts = new ArrayList<>();
    if (!r.approverRoles().isEmpty()) {
      parts.add(Role.join(r.approverRoles(), " or ") + " role");
    }
    for (String g : new TreeSet<>(r.approverGroups())) {
      parts.add("members of @" + g);
    }
    return String.join(", ", parts) + " (not the requester)";
  }

  private static String shortFp(String fp) {
    return Truncate.clip(fp, Truncate.SHA_PREFIX + 1);
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
