package io.cfychatops.ops;

import io.cfychatops.chat.Status;
import io.cfychatops.text.Redactor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Cancel requests and their handling at a tick, for {@link OperationEngine}. */
final class OperationCancels {
  private static final Logger log = LoggerFactory.getLogger(OperationEngine.class);

  private final OperationEngine engine;
  private final OperationStore store;
  private final Clock clock;
  private final OperationMessages messages;

  OperationCancels(
      OperationEngine engine, OperationStore store, Clock clock, OperationMessages messages) {
    this.engine = engine;
    this.store = store;
    this.clock = clock;
    this.messages = messages;
  }

  String request(String id, String userId, OperationScheduler scheduler) {
    Optional<Operation> found = store.find(id);
    if (found.isEmpty()) {
      return "No operation `" + id + "`. Try `/cfy ops list`.";
    }
    Operation op = found.get();
    if (op.status().isFinal()) {
      return "Operation " + id + " already ended (" + op.status().name().toLowerCase() + ").";
    }
    if (!op.cancel().equals("NONE")) {
      return "Cancel of " + id + " was already requested (" + op.cancel().toLowerCase() + ").";
    }
    store.update(op.withCancel("REQUESTED").withChange(clock.instant()));
    log.info("Cancel of operation {} requested by {}", id, userId);
    scheduler.schedule(id, clock.instant());
    return "Cancel of " + id + " requested; the answer will be posted in its thread.";
  }

  Operation handle(Operation op, List<Step> steps) {
    if (!op.cancel().equals("REQUESTED")) {
      return op;
    }
    Optional<StepState> cur = op.currentStep();
    String refusal = null;
    if (cur.isPresent()) {
      Step step = Step.named(steps, cur.get().name());
      StepContext ctx = new StepContext(engine, op, cur.get());
      try {
        refusal = step.onCancel(ctx);
      } catch (ManagerPort.ManagerCallException e) {
        refusal = "the manager did not accept the cancel (" + Redactor.redact(e.getMessage()) + ")";
      }
      op = store.update(ctx.currentOp().withStep(ctx.state()));
    }
    Instant now = clock.instant();
    if (refusal == null) {
      op = store.update(op.withCancel("ACCEPTED").withChange(now));
      if (cur.isPresent() && !Step.named(steps, cur.get().name()).alwaysRun()) {
        op =
            store.update(
                op.withStep(
                    op.currentStep().orElseThrow().finished(StepStatus.SKIPPED, now, "cancelled")));
      }
      messages.thread(op, Status.WARNING, "Cancel accepted; running clean-up steps.");
    } else {
      op = store.update(op.withCancel("REFUSED").withChange(now));
      messages.thread(op, Status.WARNING, "Cannot cancel now: " + refusal);
    }
    return op;
  }
}
