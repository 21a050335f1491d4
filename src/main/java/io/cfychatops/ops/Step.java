package io.cfychatops.ops;

/**
 * One named step of a runbook. {@link #run} is called repeatedly until it returns Done or Fail; it
 * must be idempotent: a resumed engine calls it again with the persisted step state (execution id,
 * attempt markers) and it must re-attach rather than repeat a non-idempotent call.
 */
public interface Step {

  /**
   * Step data key: problems a finished step found (a count). An operation without failure whose
   * steps found any ends {@link OpStatus#PARTIAL}, never succeeded.
   */
  String PROBLEMS = "problems";

  /** Problems the operation's finished steps recorded under {@link #PROBLEMS}. */
  static int problems(Operation op) {
    int n = 0;
    for (StepState s : op.steps()) {
      String v = s.status() == StepStatus.DONE ? s.data().get(PROBLEMS) : null;
      if (v != null && v.matches("\\d{1,9}")) {
        n += Integer.parseInt(v);
      }
    }
    return n;
  }

  String name();

  StepOutcome run(StepContext ctx);

  /** True for clean-up steps that run after an earlier failure or a cancel (maintenance off). */
  default boolean alwaysRun() {
    return false;
  }

  /**
   * Called once when a cancel is requested while this step is current. Return null to accept (the
   * step stops and the operation ends cancelled), or the reason it cannot be cancelled.
   */
  default String onCancel(StepContext ctx) {
    return null;
  }

  static Step of(String name, java.util.function.Function<StepContext, StepOutcome> body) {
    return new Step() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public StepOutcome run(StepContext ctx) {
        return body.apply(ctx);
      }
    };
  }

  /** The step of {@code runbook} called {@code name}; a stored name the runbook lacks is a bug. */
  static Step named(java.util.List<Step> runbook, String name) {
    for (Step s : runbook) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalStateException("Runbook has no step `" + name + "`");
  }
}
