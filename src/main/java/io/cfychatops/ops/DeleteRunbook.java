package io.cfychatops.ops;

import io.cfychatops.ops.ManagerPort.Failure;
import io.cfychatops.ops.ManagerPort.ManagerCallException;
import java.util.List;

/** {@link OpKind#DELETE}. */
final class DeleteRunbook {
  private DeleteRunbook() {}

  /** The runbook of {@link OpKind#DELETE}. */
  static List<Step> steps(Step approvalCheck) {
    return List.of(approvalCheck, Step.of("delete", DeleteRunbook::delete));
  }

  static StepOutcome delete(StepContext ctx) {
    String m = ctx.manager();
    String snap = ctx.snapshot();
    boolean retry = ctx.data("attempted") != null;
    if (!retry && ctx.api().getSnapshot(m, snap).isEmpty()) {
      return StepOutcome.fail("snapshot `" + snap + "` not found on " + m);
    }
    ctx.data("attempted", "true");
    ctx.persist();
    try {
      ctx.api().deleteSnapshot(m, snap);
    } catch (ManagerCallException e) {
      if (e.failure() == Failure.NOT_FOUND && retry) {
        return StepOutcome.done("deleted (before a restart)");
      }
      throw e;
    }
    return StepOutcome.done("deleted");
  }
}
