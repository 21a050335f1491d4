package io.cfychatops.timeline;

import io.cfychatops.approvals.AuditEntry;
import io.cfychatops.ops.OpStatus;
import io.cfychatops.ops.Operation;
import io.cfychatops.ops.StepState;
import io.cfychatops.ops.StepStatus;
import io.cfychatops.text.Redactor;
import io.cfychatops.text.Truncate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Builds an operation's {@link Timeline} from the store: the audit lines that name its approval
 * request or the operation (request, votes, refusals, decision, start, cancel) and its step records
 * (start and end times, the REST outage the restore-wait step keeps in {@code restDown}/{@code
 * restBack}). Never from chat history. Details are redacted and clipped to one line.
 */
public final class Timelines {
  /** Who performs the bot's own steps. */
  public static final String BOT = "cfy-chatops";

  static final int MAX_DETAIL = 300;

  /** The restore-wait step's data keys of the first REST outage and the return of the API. */
  public static final String REST_DOWN_KEY = "restDown";

  public static final String REST_BACK_KEY = "restBack";

  private Timelines() {}

  /**
   * The timeline of {@code op}; {@code audit} holds the entries naming it or its approval (see
   * {@code AuditLog#mentioning}), in any order.
   */
  public static Timeline build(Operation op, List<AuditEntry> audit) {
    List<Timeline.Event> events = new ArrayList<>();
    List<Timeline.Milestone> milestones = new ArrayList<>();
    List<AuditEntry> lines = new ArrayList<>(audit);
    lines.sort(Comparator.comparing(AuditEntry::at).thenComparingLong(AuditEntry::id));
    boolean requested = false;
    for (AuditEntry e : lines) {
      String actor = actor(e);
      String event = auditEvent(e);
      events.add(new Timeline.Event(e.at(), actor, event, clean(e.detail())));
      switch (event) {
        case Timeline.REQUESTED -> {
          if (!requested) {
            milestones.add(new Timeline.Milestone(Timeline.REQUESTED, e.at(), actor));
            requested = true;
          }
        }
        case Timeline.VOTE, Timeline.APPROVED ->
            milestones.add(new Timeline.Milestone(event, e.at(), actor));
        default -> {
          // not a milestone
        }
      }
    }
    if (!requested) {
      String who = op.requester().isEmpty() ? BOT : op.requester();
      events.add(
          0,
          new Timeline.Event(
              op.createdAt(), who, Timeline.REQUESTED, clean(op.kind().label() + " requested")));
      milestones.add(0, new Timeline.Milestone(Timeline.REQUESTED, op.createdAt(), who));
    }
    for (StepState s : op.steps()) {
      steps(s, events, milestones);
    }
    if (op.finishedAt() != null) {
      String detail =
          op.status() == OpStatus.SUCCEEDED || op.failure() == null ? op.summary() : op.failure();
      events.add(
          new Timeline.Event(
              op.finishedAt(), BOT, "operation " + status(op.status()), clean(detail)));
      milestones.add(new Timeline.Milestone(Timeline.FINISHED, op.finishedAt(), BOT));
    }
    events.sort(Comparator.comparing(Timeline.Event::at)); // stable: ties keep their order
    milestones.sort(Comparator.comparing(Timeline.Milestone::at));
    return new Timeline(
        op.id(),
        op.manager(),
        op.kind().label() + " on " + op.manager(),
        status(op.status()),
        events,
        milestones);
  }

  private static void steps(
      StepState s, List<Timeline.Event> events, List<Timeline.Milestone> milestones) {
    String downAt = s.data().get(REST_DOWN_KEY);
    String backAt = s.data().get(REST_BACK_KEY);
    if (downAt != null) {
      Instant at = Instant.parse(downAt);
      events.add(
          new Timeline.Event(
              at, BOT, Timeline.REST_DOWN, "REST API unavailable during the restore"));
      milestones.add(new Timeline.Milestone(Timeline.REST_DOWN, at, BOT));
    }
    if (backAt != null) {
      Instant at = Instant.parse(backAt);
      events.add(new Timeline.Event(at, BOT, Timeline.REST_BACK, "REST API answers again"));
      milestones.add(new Timeline.Milestone(Timeline.REST_BACK, at, BOT));
    }
    if (s.finishedAt() == null) {
      return;
    }
    String milestone = s.status() == StepStatus.DONE ? milestone(s.name()) : null;
    String event =
        milestone != null
            ? milestone
            : "step " + s.name() + " " + s.status().name().toLowerCase(Locale.ROOT);
    events.add(new Timeline.Event(s.finishedAt(), BOT, event, clean(s.detail())));
    if (milestone != null) {
      milestones.add(new Timeline.Milestone(milestone, s.finishedAt(), BOT));
    }
  }

  /**
   * The milestone a finished step marks: maintenance on/off, the end of the restore execution, the
   * receipt (any step whose name contains {@code receipt}); null for other steps.
   */
  static @Nullable String milestone(String step) {
    return switch (step) {
      case "maintenance-on" -> Timeline.MAINTENANCE_ON;
      case "maintenance-off" -> Timeline.MAINTENANCE_OFF;
      case "restore-wait" -> Timeline.RESTORE_ENDED;
      default -> step.contains("receipt") ? Timeline.RECEIPT : null;
    };
  }

  /** The event an audit line records. */
  static String auditEvent(AuditEntry e) {
    String k = e.kind() + "/" + e.action();
    return switch (k) {
      case "approval/open" -> Timeline.REQUESTED;
      case "approval/approve" -> Timeline.VOTE;
      case "approval/approved" -> Timeline.APPROVED;
      case "approval/deny" -> "denied";
      case "approval/refused" -> "vote refused";
      case "approval/cancel" -> "request cancelled";
      case "approval/expire" -> "request expired";
      case "approval/supersede", "approval/superseded" -> "request superseded";
      case "operation/start" -> "operation started";
      case "command/ops cancel" -> "cancel requested";
      default -> clean(k);
    };
  }

  private static String actor(AuditEntry e) {
    String name = e.userName().isEmpty() ? e.userId() : e.userName();
    return name.isEmpty() ? BOT : clean(name);
  }

  private static String status(OpStatus s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  /** Redacted, one line, at most {@link #MAX_DETAIL} characters. */
  static String clean(@Nullable String s) {
    return s == null ? "" : Truncate.oneLine(Redactor.redact(s), MAX_DETAIL);
  }
}
