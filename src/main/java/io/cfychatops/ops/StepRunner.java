package io.cfychatops.ops;

import io.cfychatops.text.Redactor;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step: a transient manager error becomes a bounded retry (counted in the step's data), a
 * refusal or a crash a failure; what a step reports is redacted before it is stored or shown.
 */
final class StepRunner {
  private static final Logger log = LoggerFactory.getLogger(OperationEngine.class);

  private final OpsConfig config;

  StepRunner(OpsConfig config) {
    this.config = config;
  }

  /** Step results are stored and shown: secrets masked, URLs as scheme://host/path. */
  static StepOutcome redacted(StepOutcome out) {
    if (out instanceof StepOutcome.Done d) {
      return new StepOutcome.Done(Redactor.forDisplay(d.detail()));
    }
    if (out instanceof StepOutcome.Fail f) {
      return new StepOutcome.Fail(Redactor.forDisplay(f.reason()));
    }
    StepOutcome.Wait w = (StepOutcome.Wait) out;
    return new StepOutcome.Wait(w.after(), Redactor.forDisplay(w.detail()));
  }

  StepOutcome runSafely(Step step, StepContext ctx) {
    try {
      StepOutcome out = step.run(ctx);
      if (out instanceof StepOutcome.Wait) {
        ctx.data("retries", null);
      }
      return out;
    } catch (ManagerPort.ManagerCallException e) {
      String why = describe(e);
      if (!e.isTransient()) {
        return StepOutcome.fail(why);
      }
      int tries = Integer.parseInt(Optional.ofNullable(ctx.data("retries")).orElse("0")) + 1;
      ctx.data("retries", Integer.toString(tries));
      if (tries > config.transientRetries()) {
        return StepOutcome.fail("manager unreachable after " + tries + " attempts: " + why);
      }
      Duration wait = e.retryAfter().filter(d -> !d.isNegative()).orElse(config.poll().ceiling());
      return StepOutcome.waitFor(
          wait, "retrying (" + tries + "/" + config.transientRetries() + "): " + why);
    } catch (RuntimeException e) {
      log.error("Operation {} step {} crashed", ctx.op().id(), step.name(), e);
      return StepOutcome.fail(
          "internal error: "
              + e.getClass().getSimpleName()
              + ": "
              + Redactor.redact(String.valueOf(e.getMessage())));
    }
  }

  /** A short reason for people: what failed, the Cloudify error code, the message. */
  static String describe(ManagerPort.ManagerCallException e) {
    String kind =
        switch (e.failure()) {
          case TRANSPORT -> "manager unreachable";
          case PROXY -> "manager's REST service unavailable (proxy error)";
          case MAINTENANCE -> "manager in maintenance mode";
          case NOT_FOUND -> "not found";
          case CONFLICT -> "conflict";
          case BAD_REQUEST -> "refused by the manager";
          case UNAUTHORIZED -> "not authorised (credentials may have changed after a restore)";
          case SERVER -> "manager error";
        };
    String code = e.errorCode().isEmpty() ? "" : " [" + e.errorCode() + "]";
    return kind + code + ": " + Redactor.redact(String.valueOf(e.getMessage()));
  }
}
