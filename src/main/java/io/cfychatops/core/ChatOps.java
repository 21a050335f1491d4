package io.cfychatops.core;

import io.cfychatops.access.GroupLookupException;
import io.cfychatops.approvals.ApprovalCards;
import io.cfychatops.approvals.AuditLog;
import io.cfychatops.approvals.Decision;
import io.cfychatops.approvals.VoteOutcome;
import io.cfychatops.chat.ActionInvocation;
import io.cfychatops.chat.ChatHandler;
import io.cfychatops.chat.DeliveryDedupe;
import io.cfychatops.chat.DeliveryLog;
import io.cfychatops.chat.Invocation;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.Responder;
import io.cfychatops.chat.Status;
import io.cfychatops.command.ActionKind;
import io.cfychatops.ops.ApprovalGate;
import io.cfychatops.ops.ReceiptStep;
import io.cfychatops.text.Truncate;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The core's entry point for every transport: a typed {@code /cfy} line goes to the {@link
 * CommandRouter}, a button click to its vote, page or cancel. Both entry points return at once; the
 * work runs on {@code executor}, and a failure of the work is answered, never swallowed.
 *
 * <p>Transport redeliveries of commands and clicks are recognised by delivery id ({@link
 * DeliveryDedupe}, once per delivery, before any work) and never run twice. Approval decisions are
 * compare-and-set in the store, so the operation behind an approval starts exactly once even across
 * replicas ({@link ApprovalFlow}).
 */
public final class ChatOps implements ChatHandler {
  private static final Logger log = LoggerFactory.getLogger(ChatOps.class);
  private static final Duration IDLE_RECHECK = Duration.ofMillis(50);

  private final Clock clock;
  private final ExecutorService executor;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong changes = new AtomicLong();
  private final ReentrantLock changeLock = new ReentrantLock();
  private final Condition changed = changeLock.newCondition();
  private volatile DeliveryDedupe deliveries;
  private final ApprovalFlow approvals;
  private final OperationCommands operations;
  private final CommandRouter router;

  public ChatOps(CoreServices s, ExecutorService executor) {
    this.clock = s.clock();
    this.executor = Objects.requireNonNull(executor);
    this.deliveries = new DeliveryDedupe(DeliveryLog.NONE, clock);
    AuditLog audit = s.approvals().auditLog();
    OperationRequests requests =
        new OperationRequests(s.engine(), s.incidentChannel(), s.archiveRoot());
    RestorePreviews previews = new RestorePreviews(s.engine(), clock);
    this.approvals =
        new ApprovalFlow(
            s.managers(),
            s.access(),
            s.approvals(),
            s.policies(),
            requests,
            s.chat(),
            clock,
            previews);
    this.operations = new OperationCommands(s.engine(), s.access(), audit, s.chat());
    this.router =
        new CommandRouter(
            new ManagerScope(s.managers(), s.access(), audit),
            approvals,
            operations,
            new BackupCommands(s.nightly(), s.zone(), s.drills(), clock),
            s.api(),
            audit,
            new Inspections(previews));
    s.engine().onFinish(op -> workChanged());
  }

  /**
   * What approved operations re-check in their first step (connect it to the engine before any
   * operation runs): the fingerprint of the approval against the target as it is then.
   */
  public ApprovalGate approvalGate() {
    return approvals.gate();
  }

  /**
   * Starts the operation of every approved request that has none (the process died between the last
   * vote and the start), exactly once across restarts and replicas; returns how many it handled.
   */
  public int sweepApproved() {
    return approvals.sweepApproved();
  }

  /** Moves pending requests whose expiry passed to expired and updates their cards. */
  public int sweepExpired() {
    return approvals.sweepExpired();
  }

  /** Persists delivery ids, so a redelivery landing on another replica is recognised too. */
  public ChatOps deliveryLog(DeliveryLog log) {
    this.deliveries = new DeliveryDedupe(log, clock);
    return this;
  }

  @Override
  public void onCommand(Invocation inv, Responder responder) {
    if (!deliveries.firstTime(inv.deliveryId())) {
      log.info("Ignoring redelivery {} of a command from {}", inv.deliveryId(), inv.user().id());
      return;
    }
    submit(responder, () -> router.handle(inv, responder));
  }

  @Override
  public void onAction(ActionInvocation a, Responder responder) {
    if (!deliveries.firstTime(a.deliveryId())) {
      log.info("Ignoring redelivery {} of a click from {}", a.deliveryId(), a.user().id());
      return;
    }
    submit(responder, () -> handleAction(a, responder));
  }

  /**
   * The typed confirmation of an approval, from the form a click opened: counted (or refused) here,
   * in one store transaction, so the form can show a refusal next to the field; the card update,
   * the operation's start and the answer follow on the executor.
   */
  @Override
  public Optional<String> onConfirmation(ActionInvocation a, String typed, Responder responder) {
    if (!ApprovalCards.APPROVE.equals(a.actionId())) {
      log.warn("Unknown confirmation {} from {} refused", a.actionId(), a.user().id());
      return Optional.of("That form is not recognised; nothing was counted.");
    }
    VoteOutcome out;
    try {
      out = approvals.cast(a.value(), a.user(), Decision.APPROVE, typed == null ? "" : typed);
    } catch (GroupLookupException e) {
      return Optional.of(e.getMessage());
    } catch (RuntimeException e) {
      log.error("Typed confirmation failed", e);
      return Optional.of("Something went wrong on our side; nothing was counted. Try again.");
    }
    if (out instanceof VoteOutcome.Refused ref) {
      return Optional.of(ref.reason());
    }
    submit(responder, () -> approvals.answer(out, responder));
    return Optional.empty();
  }

  /** False while the work queue is full (then {@link #submit} would answer "busy"). */
  @Override
  public boolean accepting() {
    return !(executor instanceof ThreadPoolExecutor p) || p.getQueue().remainingCapacity() > 0;
  }

  /**
   * Waits up to {@code max} until no command is being handled and no operation runs, running {@code
   * pump} (due progress edits) between checks. Woken at once when a command's handling ends or an
   * operation of this engine finishes; rechecks at least every {@link #IDLE_RECHECK} for what
   * nobody signals (progress edits coming due, an operation finished by another replica).
   */
  public boolean awaitIdle(Duration max, Runnable pump) {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      long seen = changes.get();
      if (inFlight.get() == 0 && operations.idle()) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      pump.run();
      changeLock.lock();
      try {
        long wait = Math.min(left, IDLE_RECHECK.toNanos());
        while (changes.get() == seen && wait > 0) {
          wait = changed.awaitNanos(wait);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } finally {
        changeLock.unlock();
      }
    }
  }

  /** Wakes {@link #awaitIdle}: a command's handling ended or an operation finished. */
  private void workChanged() {
    changeLock.lock();
    try {
      changes.incrementAndGet();
      changed.signalAll();
    } finally {
      changeLock.unlock();
    }
  }

  private void submit(Responder responder, Runnable task) {
    inFlight.incrementAndGet();
    try {
      executor.execute(
          () -> {
            try {
              task.run();
            } catch (
                GroupLookupException e) { // never a silent "no role": say it could not be checked
              safeEphemeral(responder, Message.text(Status.WARNING, e.getMessage()));
            } catch (RuntimeException e) {
              log.error("Command handling failed", e);
              safeEphemeral(
                  responder,
                  Message.builder(Status.FAILED, "Something went wrong on our side")
                      .line(
                          "The command was not completed: "
                              + e.getClass().getSimpleName()
                              + ". Details are in the bot's log; nothing was reported as done.")
                      .build());
            } finally {
              inFlight.decrementAndGet();
              workChanged();
              MDC.clear();
            }
          });
    } catch (RejectedExecutionException e) {
      inFlight.decrementAndGet();
      workChanged();
      safeEphemeral(
          responder,
          Message.text(Status.WARNING, "The bot is busy right now; please try again in a minute."));
    }
  }

  /** A button: a vote or cancel on an approval card, a next page, an operation's cancel. */
  private void handleAction(ActionInvocation a, Responder r) {
    switch (a.actionId()) {
      case ApprovalCards.APPROVE ->
          approvals.vote(a.value(), a.user(), Decision.APPROVE, a.channel(), null, r);
      case ApprovalCards.DENY ->
          approvals.vote(a.value(), a.user(), Decision.DENY, a.channel(), null, r);
      case ApprovalCards.CANCEL -> approvals.cancel(a.value(), a.user(), r);
      case "page.next" -> {
        if (a.value().startsWith(ActionKind.LIST.path())) {
          router.handle(new Invocation(a.user(), a.channel(), a.value(), ""), r);
        } else {
          log.warn(
              "Tampered page button from {} refused: {}",
              a.user().id(),
              Truncate.oneLine(a.value(), 80));
          r.ephemeral(
              Message.text(Status.WARNING, "That button is not recognised; nothing was done."));
        }
      }
      case "ops.cancel" ->
          router.handle(
              new Invocation(
                  a.user(), a.channel(), ActionKind.OPS_CANCEL.path() + " " + a.value(), ""),
              r);
      case ReceiptStep.REUPLOAD -> reupload(a, r);
      default -> {
        log.warn("Unknown action {} from {} refused", a.actionId(), a.user().id());
        r.ephemeral(
            Message.text(Status.WARNING, "That button is not recognised; nothing was done."));
      }
    }
  }

  /**
   * The restore receipt's re-upload button ({@code MANAGER SNAPSHOT}): the ordinary {@code
   * snapshots upload} from the archive store, so access and approval rules apply as typed.
   */
  private void reupload(ActionInvocation a, Responder r) {
    String[] v = a.value().split(" ");
    if (v.length != 2 || !v[0].matches("[A-Za-z0-9._-]{1,64}") || !v[1].matches("\\S{1,255}")) {
      log.warn("Tampered re-upload button from {} refused", a.user().id());
      r.ephemeral(Message.text(Status.WARNING, "That button is not recognised; nothing was done."));
      return;
    }
    String cmd =
        ActionKind.UPLOAD.path()
            + " "
            + v[1]
            + " --from-manager "
            + v[0]
            + " -s "
            + v[1]
            + " -m "
            + v[0];
    router.handle(new Invocation(a.user(), a.channel(), cmd, ""), r);
  }

  private static void safeEphemeral(Responder r, Message m) {
    try {
      r.ephemeral(m);
    } catch (RuntimeException e) {
      log.warn("Could not answer the requester: {}", e.toString());
    }
  }
}
