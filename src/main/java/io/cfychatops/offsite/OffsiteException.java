package io.cfychatops.offsite;

import java.util.Objects;

/**
 * The one failure of the off-site port: {@link #problem()} classifies it, the message says what
 * happened (never a secret) and is fit to show in chat; {@link #getMessage()} ends with the next
 * step.
 */
public final class OffsiteException extends RuntimeException {
  private final OffsiteProblem problem;
  private final String detail;

  public OffsiteException(OffsiteProblem problem, String detail) {
    this(problem, detail, null);
  }

  public OffsiteException(OffsiteProblem problem, String detail, Throwable cause) {
    super(detail + " (" + Objects.requireNonNull(problem, "problem").nextStep() + ")", cause);
    this.problem = problem;
    this.detail = detail;
  }

  public OffsiteProblem problem() {
    return problem;
  }

  /** The message without the next step. */
  public String detail() {
    return detail;
  }
}
