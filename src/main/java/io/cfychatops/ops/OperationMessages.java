package io.cfychatops.ops;

import io.cfychatops.chat.Message;
import io.cfychatops.chat.MessageRef;
import io.cfychatops.chat.Status;
import io.cfychatops.text.Durations;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operation's messages: its living message (opened once, where the incident asks, and kept
 * current), its thread lines and final post, and the {@code ops list}/{@code ops show} views.
 */
final class OperationMessages {
  private static final Logger log = LoggerFactory.getLogger(OperationEngine.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final OperationStore store;
  private final Progress progress;
  private final Clock clock;
  private final OpsConfig config;

  /** Kinds whose feature reports on its own: no messages, not listed ({@link Runbooks#isQuiet}). */
  private final Predicate<OpKind> quiet;

  OperationMessages(
      OperationStore store,
      Progress progress,
      Clock clock,
      OpsConfig config,
      Predicate<OpKind> quiet) {
    this.store = store;
    this.progress = progress;
    this.clock = clock;
    this.config = config;
    this.quiet = quiet;
  }

  /** {@code /cfy ops list}. */
  Message list(int limit) {
    List<Operation> ops = new ArrayList<>();
    for (Operation o : store.findUnfinished()) {
      if (!quiet.test(o.kind())) {
        ops.add(o);
      }
    }
    for (Operation o : store.recent(limit)) {
      if (o.status().isFinal() && !quiet.test(o.kind())) {
        ops.add(o);
      }
    }
    return OpsRenderer.list(ops, clock.instant());
  }

  /**
   * {@code /cfy ops list} for a user: the running operations and the {@code limit} most recent
   * finished ones of {@code managers} only (looked for among the last {@value #SCOPED_SCAN}).
   */
  Message list(int limit, Collection<String> managers) {
    List<Operation> ops = new ArrayList<>();
    for (Operation o : store.findUnfinished()) {
      if (managers.contains(o.manager()) && !quiet.test(o.kind())) {
        ops.add(o);
      }
    }
    int finished = 0;
    for (Operation o : store.recent(SCOPED_SCAN)) {
      if (finished < limit
          && o.status().isFinal()
          && managers.contains(o.manager())
          && !quiet.test(o.kind())) {
        ops.add(o);
        finished++;
      }
    }
    return OpsRenderer.list(ops, clock.instant());
  }

  /** How many recent operations a scoped {@code ops list} looks through. */
  static final int SCOPED_SCAN = 500;

  /**
   * {@code /cfy ops show ID} for a user: "No operation" unless it runs on one of {@code managers}
   * (null: any), so the ids of other managers' operations do not leak.
   */
  Message show(String id, Collection<String> managers) {
    return store
        .find(id)
        .filter(o -> managers == null || managers.contains(o.manager()))
        .map(o -> OpsRenderer.show(o, clock.instant(), config.zone()))
        .orElse(Message.text(Status.WARNING, "No operation `" + id + "`. Try `/cfy ops list`."));
  }

  /** The final living message and its thread line, or a post when the message never opened. */
  void finished(Operation done, OpStatus status, Instant now) {
    if (quiet.test(done.kind())) {
      return;
    }
    if (done.messageRef() != null) {
      progress.editFinal(done.messageRef(), render(done));
      progress.reply(
          done.messageRef(),
          Progress.line(
              OpsRenderer.status(done),
              OpsRenderer.title(done)
                  + ": "
                  + (status == OpStatus.PARTIAL
                      ? "completed with "
                          + Step.problems(done)
                          + (Step.problems(done) == 1 ? " problem" : " problems")
                      : status.name().toLowerCase(java.util.Locale.ROOT))
                  + " after "
                  + Durations.format(done.elapsed(now))));
    } else {
      String ch = done.channel() != null ? done.channel() : config.defaultChannel();
      progress.postFinal(ch, render(done));
    }
  }

  Message render(Operation op) {
    return OpsRenderer.living(op, clock.instant(), config.heartbeatAfter(), config.zone());
  }

  void refresh(Operation op) {
    if (op.messageRef() != null) {
      progress.edit(op.messageRef(), render(op));
    }
  }

  void thread(Operation op, Status s, String text) {
    refresh(op);
    if (op.messageRef() != null) {
      progress.reply(op.messageRef(), Progress.line(s, text));
    }
  }

  /** Posts the living message once and persists where it lives; retried every tick on failure. */
  Operation ensureMessage(Operation op) {
    if (op.messageRef() != null || quiet.test(op.kind())) {
      return op;
    }
    String channel = op.channel();
    if (channel == null) {
      channel = resolveChannel(op);
      op = store.update(op.withMessage(channel, null));
    }
    MessageRef ref = progress.open(channel, render(op));
    if (ref == null) {
      return op;
    }
    return store.update(op.withMessage(channel, ref));
  }

  private String resolveChannel(Operation op) {
    String inc = op.incident();
    if (inc == null || inc.isBlank()) {
      return config.defaultChannel();
    }
    if (!inc.equals("new")) {
      return inc;
    }
    String name =
        "inc-"
            + op.kind().name().toLowerCase().replace('_', '-')
            + "-"
            + op.manager().toLowerCase().replaceAll("[^a-z0-9-]", "-")
            + "-"
            + DAY.format(op.createdAt().atZone(config.zone()));
    List<String> users = new ArrayList<>();
    if (!op.requester().isEmpty()) {
      users.add(op.requester());
    }
    users.addAll(op.approvers());
    String ch = progress.openChannel(name, users);
    if (ch == null) {
      log.warn("Operation {}: could not open {}; using {}", op.id(), name, config.defaultChannel());
      return config.defaultChannel();
    }
    return ch;
  }
}
