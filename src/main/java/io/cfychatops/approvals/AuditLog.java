package io.cfychatops.approvals;

import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.text.Redactor;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The core's view of the audit log: record who did what where, list recent entries, render them for
 * {@code /cfy audit}. A failed audit write is not swallowed: it throws to the caller.
 */
public final class AuditLog {
  /** Who system-initiated entries (expiry sweeps, supersede on fingerprint change) are by. */
  public static final ChatUser SYSTEM = new ChatUser("system", "cfy-chatops", "");

  public static final int DEFAULT_RECENT = 20;
  public static final int MAX_RECENT = 200;

  private final AuditRepository repo;
  private final Clock clock;
  private final RefusalThrottle refusals;

  public AuditLog(AuditRepository repo, Clock clock) {
    this(repo, clock, RefusalThrottle.DEFAULT_PER_WINDOW);
  }

  /**
   * @param refusalsPerMinute refused commands recorded per user and minute (then one summary)
   */
  public AuditLog(AuditRepository repo, Clock clock, int refusalsPerMinute) {
    this.repo = Objects.requireNonNull(repo, "repo");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refusals =
        new RefusalThrottle(
            clock,
            refusalsPerMinute,
            w ->
                record(
                    w.user,
                    w.channel,
                    w.manager,
                    "denied",
                    "throttled",
                    w.suppressed
                        + " more refused command"
                        + (w.suppressed == 1 ? "" : "s")
                        + " not recorded (the first "
                        + w.recorded
                        + " of the minute from "
                        + DateTimeFormatter.ISO_INSTANT.format(
                            w.start.truncatedTo(ChronoUnit.SECONDS))
                        + " are)"));
  }

  /**
   * Records a refused command ({@code kind} {@code denied}), at most a few per user and minute:
   * beyond those, refusals are counted and one summary row ({@code denied/throttled}, "N more
   * refused commands not recorded") follows when the minute ends. The caller still answers the
   * refusal every time.
   */
  public void recordRefusal(
      ChatUser who, String channel, String manager, String action, String detail) {
    ChatUser u = who == null ? SYSTEM : who;
    if (refusals.admit(u, channel, manager)) {
      record(u, channel, manager, "denied", action, detail);
    }
  }

  /**
   * Writes the summaries of refusal windows still open (tests; a window otherwise ends by time).
   */
  public void flushRefusals() {
    refusals.flush();
  }

  /**
   * Appends an entry stamped with the current time; returns its id. {@code detail} is stored as
   * people may see it ({@link Redactor#forDisplay}: secrets masked, URLs as scheme://host/path),
   * because the log is append-only and shown by {@code /cfy audit}.
   */
  public long record(
      ChatUser who, String channel, String manager, String kind, String action, String detail) {
    return repo.append(entry(who, channel, manager, kind, action, detail));
  }

  /**
   * The entry {@link #record} would append, for a caller that stores it in one transaction with
   * another change (see {@code ApprovalRepository#setOperationId(String, String, AuditEntry)}).
   */
  public AuditEntry entry(
      ChatUser who, String channel, String manager, String kind, String action, String detail) {
    ChatUser u = who == null ? SYSTEM : who;
    return new AuditEntry(
        0,
        clock.instant(),
        u.teamId(),
        u.id(),
        u.name(),
        channel,
        manager,
        kind,
        action,
        Redactor.forDisplay(detail)); // the audit log is append-only: a secret written here stays
  }

  /** The entries of {@code manager} naming one of {@code ids} (at most 1000), oldest first. */
  public List<AuditEntry> mentioning(String manager, java.util.Collection<String> ids) {
    return repo.mentioning(manager, ids, 1000);
  }

  /** Newest first; {@code manager} null for all managers; limit is clamped to 1..200. */
  public List<AuditEntry> recent(int limit, String manager) {
    return repo.recent(Math.max(1, Math.min(limit, MAX_RECENT)), manager);
  }

  /**
   * The {@code /cfy audit} answer over several managers: the newest entries of {@code managers}
   * only (the managers the asking user may read; {@code ""} adds the entries tied to no manager).
   */
  public Message renderFor(int limit, List<String> managers) {
    List<String> named = managers.stream().filter(m -> !m.isEmpty()).toList();
    List<AuditEntry> entries = repo.recentOf(Math.max(1, Math.min(limit, MAX_RECENT)), managers);
    Message.Builder b =
        Message.builder(Status.INFO, "Audit log — " + String.join(", ", named) + " (newest first)");
    if (entries.isEmpty()) {
      b.line("No audit entries yet for " + String.join(", ", named) + ".");
    }
    for (AuditEntry e : entries) {
      b.row(format(e));
    }
    b.context("Times are UTC. The audit log is append-only.");
    return b.build();
  }

  /** The {@code /cfy audit [manager]} answer. */
  public Message render(int limit, String manager) {
    List<AuditEntry> entries = recent(limit, manager);
    Message.Builder b =
        Message.builder(
            Status.INFO,
            "Audit log" + (manager == null ? "" : " — " + manager) + " (newest first)");
    if (entries.isEmpty()) {
      b.line("No audit entries yet" + (manager == null ? "." : " for " + manager + "."));
    }
    for (AuditEntry e : entries) {
      b.row(format(e));
    }
    b.context("Times are UTC. The audit log is append-only.");
    return b.build();
  }

  static String format(AuditEntry e) {
    String when = DateTimeFormatter.ISO_INSTANT.format(e.at().truncatedTo(ChronoUnit.SECONDS));
    return when
        + "  @"
        + e.userName()
        + "  "
        + e.kind()
        + "/"
        + e.action()
        + (e.manager().isEmpty() ? "" : "  [" + e.manager() + "]")
        + (e.detail().isEmpty() ? "" : "  " + e.detail());
  }
}
