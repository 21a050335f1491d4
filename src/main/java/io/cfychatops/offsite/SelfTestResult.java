package io.cfychatops.offsite;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The off-site target's self-test: one line per check, in the order they ran. The target is usable
 * when no check {@link Status#FAILED}.
 */
public record SelfTestResult(String target, List<Check> checks) {

  /** Outcome of one check. */
  public enum Status {
    OK,
    FAILED,
    /** Not run because an earlier check failed. */
    SKIPPED;

    public String symbol() {
      return switch (this) {
        case OK -> "✓";
        case FAILED -> "✗";
        case SKIPPED -> "–";
      };
    }
  }

  /** One check: {@code problem} is set when it failed. */
  public record Check(String name, Status status, String detail, OffsiteProblem problem) {
    public Check {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(detail, "detail");
    }

    static Check ok(String name, String detail) {
      return new Check(name, Status.OK, detail, null);
    }

    static Check failed(String name, OffsiteException e) {
      return new Check(name, Status.FAILED, e.getMessage(), e.problem());
    }

    static Check failed(String name, OffsiteProblem problem, String detail) {
      return new Check(name, Status.FAILED, detail + " (" + problem.nextStep() + ")", problem);
    }

    static Check skipped(String name, String why) {
      return new Check(name, Status.SKIPPED, why, null);
    }
  }

  public SelfTestResult {
    Objects.requireNonNull(target, "target");
    checks = List.copyOf(checks);
  }

  public boolean ok() {
    return checks.stream().noneMatch(c -> c.status() == Status.FAILED);
  }

  /** The first failed check, if any. */
  public java.util.Optional<Check> firstFailure() {
    return checks.stream().filter(c -> c.status() == Status.FAILED).findFirst();
  }

  /** Multi-line text: the target, then "✓ name: detail" per check. */
  public String describe() {
    return target
        + (ok() ? ": ready" : ": NOT ready")
        + "\n"
        + checks.stream()
            .map(c -> c.status().symbol() + " " + c.name() + ": " + c.detail())
            .collect(Collectors.joining("\n"));
  }
}
