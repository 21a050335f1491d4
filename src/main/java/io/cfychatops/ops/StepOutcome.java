package io.cfychatops.ops;

import java.time.Duration;
import java.util.Objects;

/** What one run of a step decided. */
public sealed interface StepOutcome {

  /** The step is finished; {@code detail} is shown in the step row. */
  record Done(String detail) implements StepOutcome {}

  /** Run the step again after {@code after}; {@code detail} replaces the step's detail line. */
  record Wait(Duration after, String detail) implements StepOutcome {
    public Wait {
      Objects.requireNonNull(after, "after");
    }
  }

  /**
   * The step failed; the operation fails with {@code reason} (steps marked always-run still run).
   */
  record Fail(String reason) implements StepOutcome {
    public Fail {
      Objects.requireNonNull(reason, "reason");
    }
  }

  static StepOutcome done(String detail) {
    return new Done(detail);
  }

  static StepOutcome waitFor(Duration d, String detail) {
    return new Wait(d, detail);
  }

  static StepOutcome fail(String reason) {
    return new Fail(reason);
  }
}
