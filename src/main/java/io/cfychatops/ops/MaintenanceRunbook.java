package io.cfychatops.ops;

import io.cfychatops.ops.ManagerPort.MaintenanceInfo;
import io.cfychatops.ops.ManagerPort.ManagerCallException;
import io.cfychatops.ops.OperationSpec.MaintenanceOnSpec;
import io.cfychatops.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Maintenance mode on and off, alone or inside a restore. */
final class MaintenanceRunbook {
  private MaintenanceRunbook() {}

  /** The runbooks of {@link OpKind#MAINTENANCE_ON} and {@link OpKind#MAINTENANCE_OFF}. */
  static List<Step> steps(OpKind kind, Step approvalCheck) {
    return switch (kind) {
      case MAINTENANCE_ON -> List.of(approvalCheck, maintenanceOnStep());
      case MAINTENANCE_OFF -> List.of(approvalCheck, maintenanceOffStep(false));
      default -> throw new IllegalArgumentException(kind + " is not a maintenance-mode kind");
    };
  }

  /**
   * How long maintenance-on waits for {@code activated}: the configured timeout, or for a
   * maintenance-on operation asked with {@code --wait --timeout S} those seconds (0: no limit, as
   * the CLI).
   */
  static Duration maintenanceTimeout(StepContext ctx) {
    Duration asked = ctx.op().spec() instanceof MaintenanceOnSpec on ? on.waitTimeout() : null;
    if (asked == null) {
      return ctx.config().maintenanceTimeout();
    }
    return asked.isZero() ? Duration.ofDays(3650) : asked;
  }

  static Step maintenanceOnStep() {
    return Step.of(
        "maintenance-on",
        ctx -> {
          String m = ctx.manager();
          Duration timeout = maintenanceTimeout(ctx);
          Instant deadline = ctx.deadline("deadline", timeout);
          if (ctx.data("requested") == null) {
            ctx.data("requested", "true");
            ctx.persist();
            MaintenanceInfo r = ctx.api().activateMaintenance(m);
            if (!r.changed()) {
              ctx.data("preexisting", "true");
              ctx.note("maintenance mode was already on before this operation");
            } else {
              ctx.note("maintenance mode requested: " + r.status());
            }
          }
          MaintenanceInfo now = ctx.api().getMaintenance(m);
          if (now.activated()) {
            return StepOutcome.done("maintenance mode activated");
          }
          if (now.deactivated()) {
            // Someone turned it off under us, or the request was lost: ask again.
            ctx.data("requested", null);
            return StepOutcome.waitFor(
                ctx.nextPoll(ctx.config().poll()), "maintenance mode off; requesting again");
          }
          String remaining =
              now.remainingExecutions().size()
                  + " running or pending execution(s)"
                  + (now.remainingExecutions().isEmpty()
                      ? ""
                      : ": " + String.join(", ", now.remainingExecutions()));
          if (!remaining.equals(ctx.data("remaining"))) {
            ctx.note("maintenance mode activating; waiting for " + remaining);
            ctx.data("remaining", remaining);
          }
          if (ctx.now().isAfter(deadline)) {
            return StepOutcome.fail(
                "maintenance mode still `activating` after "
                    + Durations.format(timeout)
                    + " with "
                    + remaining
                    + ". Queued or scheduled executions keep it activating; cancel them or wait, then retry.");
          }
          return StepOutcome.waitFor(
              ctx.nextPoll(ctx.config().outagePoll()), "activating; " + remaining);
        });
  }

  /**
   * Deactivates maintenance. In a restore ({@code onlyIfOurs}) it always runs, also after a
   * failure, but only undoes what this operation did.
   */
  static Step maintenanceOffStep(boolean onlyIfOurs) {
    return new Step() {
      @Override
      public String name() {
        return "maintenance-off";
      }

      @Override
      public boolean alwaysRun() {
        return onlyIfOurs;
      }

      @Override
      public StepOutcome run(StepContext ctx) {
        if (onlyIfOurs) {
          Optional<StepState> on = ctx.step("maintenance-on");
          if (on.isEmpty() || on.get().data().get("requested") == null) {
            return StepOutcome.done("not touched (never activated by this operation)");
          }
          if (on.get().data().containsKey("preexisting")) {
            return StepOutcome.done("left on (it was on before this operation)");
          }
        }
        String m = ctx.manager();
        try {
          if (ctx.data("requested") == null) {
            ctx.data("requested", "true");
            ctx.persist();
            ctx.api().deactivateMaintenance(m);
          }
          MaintenanceInfo now = ctx.api().getMaintenance(m);
          if (now.deactivated()) {
            return StepOutcome.done("deactivated");
          }
          ctx.data("requested", null);
          return StepOutcome.waitFor(ctx.nextPoll(ctx.config().poll()), "still " + now.status());
        } catch (ManagerCallException e) {
          if (!e.isTransient()) {
            return StepOutcome.fail(
                "could not deactivate maintenance mode (" + StepRunner.describe(e) + ")");
          }
          // The REST API may still be down after a restore: be patient, but not forever.
          Instant deadline = ctx.deadline("deadline", ctx.config().restoreTimeout());
          if (ctx.now().isAfter(deadline)) {
            return StepOutcome.fail(
                "could not reach the manager to deactivate maintenance mode for "
                    + Durations.format(ctx.config().restoreTimeout())
                    + " ("
                    + StepRunner.describe(e)
                    + ")");
          }
          ctx.data("requested", null);
          return StepOutcome.waitFor(
              ctx.nextPoll(ctx.config().outagePoll()),
              "waiting for the manager to answer: " + StepRunner.describe(e));
        }
      }
    };
  }
}
