package io.cfychatops.ops;

import io.cfychatops.chat.Button;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.text.Durations;
import io.cfychatops.text.Redactor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Renders operations as chat messages: the living status message, lists, details. */
public final class OpsRenderer {
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm:ss");

  private OpsRenderer() {}

  static Status status(Operation op) {
    return switch (op.status()) {
      case RUNNING -> Status.RUNNING;
      case SUCCEEDED -> Status.OK;
      case FAILED -> Status.FAILED;
      case CANCELLED, PARTIAL -> Status.WARNING;
    };
  }

  /** The living status message of a running or finished operation. */
  public static Message living(Operation op, Instant now, Duration heartbeatAfter, ZoneId zone) {
    Message.Builder b = Message.builder(status(op), title(op));
    String phase =
        op.status() == OpStatus.PARTIAL
            ? "completed with problems"
            : op.status().isFinal()
                ? op.status().name().toLowerCase()
                : op.currentStep().map(StepState::name).orElse("finishing");
    b.field("Operation", op.id());
    b.field("Phase", phase);
    b.field("Elapsed", Durations.format(op.elapsed(now)));
    b.field("Last change", HM.format(op.lastChangeAt().atZone(zone)) + " (" + zone.getId() + ")");
    if (!op.requester().isEmpty()) {
      b.field("Requested by", op.requester());
    }
    b.rows(stepRows(op));
    if (!op.summary().isEmpty()) {
      for (String l : op.summary().split("\n")) {
        b.line(Redactor.forDisplay(l));
      }
    } else if (op.failure() != null) {
      b.line("Failure: " + Redactor.forDisplay(op.failure()));
    }
    if (op.status().isFinal()) {
      ReceiptStep.afterEffectButtons(op).forEach(b::button);
    } else {
      Duration quiet = Duration.between(op.lastChangeAt(), now);
      if (quiet.compareTo(heartbeatAfter) >= 0) {
        b.context(
            ":warning: no change for "
                + quiet.toMinutes()
                + " min (still polling; last check "
                + HM.format(now.atZone(zone))
                + ")");
      } else {
        b.context("heartbeat " + HM.format(now.atZone(zone)));
      }
      if (op.cancel().equals("NONE")) {
        b.button(
            new Button(
                "Cancel",
                "ops.cancel",
                op.id(),
                Button.Style.DANGER,
                new Button.Confirm(
                    "Cancel " + op.id() + "?",
                    "Cancels the Cloudify execution where that is safe.",
                    "Cancel it",
                    "Keep going")));
      }
    }
    return b.build();
  }

  static String title(Operation op) {
    return op.subject().substring(0, 1).toUpperCase() + op.subject().substring(1);
  }

  static List<String> stepRows(Operation op) {
    return op.steps().stream()
        .map(
            s ->
                s.status().mark()
                    + " "
                    + s.name()
                    + (s.detail().isEmpty() ? "" : " — " + Redactor.forDisplay(s.detail()))
                    + (s.executionId() == null ? "" : " (execution " + s.executionId() + ")"))
        .toList();
  }

  /** {@code /cfy ops list}: running first, then recent. */
  public static Message list(List<Operation> ops, Instant now) {
    Message.Builder b = Message.builder(Status.INFO, "Operations");
    if (ops.isEmpty()) {
      b.line(
          "No operations yet. Start one with `/cfy snapshots create` or `/cfy snapshots restore`.");
      return b.build();
    }
    List<Operation> running = ops.stream().filter(o -> !o.status().isFinal()).toList();
    List<Operation> done = ops.stream().filter(o -> o.status().isFinal()).toList();
    for (Operation o : running) {
      b.row(
          o.status().name().toLowerCase()
              + "  "
              + o.id()
              + "  "
              + o.subject()
              + "  — "
              + o.currentStep().map(StepState::name).orElse("")
              + ", "
              + Durations.format(o.elapsed(now)));
    }
    for (Operation o : done) {
      b.row(
          o.status().name().toLowerCase()
              + "  "
              + o.id()
              + "  "
              + o.subject()
              + "  — took "
              + Durations.format(o.elapsed(now)));
    }
    b.context(
        running.size() + " running, " + done.size() + " recent. Details: `/cfy ops show <id>`");
    return b.build();
  }

  /**
   * {@code /cfy ops show ID}: the living message plus the parameters, as people may see them
   * (secret-looking keys masked, URLs as scheme://host/path).
   */
  public static Message show(Operation op, Instant now, ZoneId zone) {
    Message m = living(op, now, Duration.ofDays(365), zone);
    Message.Builder b = m.toBuilder().clearButtons();
    java.util.Map<String, String> shown = new java.util.LinkedHashMap<>(op.spec().display());
    if (op.approval() != null) {
      shown.put("approval", op.approval());
    }
    if (op.incident() != null) {
      shown.put("incident", op.incident());
    }
    shown.forEach(
        (k, v) -> b.field(k, Redactor.isSecretKey(k) ? Redactor.MASK : Redactor.forDisplay(v)));
    return b.build();
  }
}
