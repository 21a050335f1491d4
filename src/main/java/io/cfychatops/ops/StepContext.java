package io.cfychatops.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a step sees while it runs: the operation, its own persisted state, the shared manager API,
 * the clock and a way to note state changes. Not thread-safe; one per step run.
 */
public final class StepContext {
  private final OperationEngine engine;
  private Operation op;
  private StepState state;
  private final List<String> notes = new ArrayList<>();

  StepContext(OperationEngine engine, Operation op, StepState state) {
    this.engine = engine;
    this.op = op;
    this.state = state;
  }

  public Operation op() {
    return op;
  }

  public String manager() {
    return op.manager();
  }

  /** The snapshot the operation is about (every kind but maintenance mode has one). */
  public String snapshot() {
    return op.spec()
        .snapshotIfAny()
        .map(io.cfychatops.cloudify.SnapshotId::value)
        .orElseThrow(() -> new IllegalStateException(op.kind() + " has no snapshot"));
  }

  public ManagerPort api() {
    return engine.api();
  }

  /** The approvals port (the {@code approval-check} step). */
  public ApprovalGate approvals() {
    return engine.approvals();
  }

  /** Where downloads are kept; null when no archive directory is configured. */
  public io.cfychatops.archive.@org.jspecify.annotations.Nullable ArchiveStore archives() {
    return engine.archives();
  }

  /** Where the restore receipt gets an archive's expected contents; null when none. */
  public @org.jspecify.annotations.Nullable PreviewSource previews() {
    return engine.previews();
  }

  public OpsConfig config() {
    return engine.config();
  }

  public Instant now() {
    return engine.clock().instant();
  }

  public StepState state() {
    return state;
  }

  public Optional<StepState> step(String name) {
    return op.step(name);
  }

  /** True when an earlier step failed or the operation was cancelled (clean-up steps ask). */
  public boolean failing() {
    return op.failure() != null || op.cancel().equals("ACCEPTED");
  }

  public String data(String key) {
    return state.data().get(key);
  }

  public void data(String key, String value) {
    state = state.withData(key, value);
  }

  public String executionId() {
    return state.executionId();
  }

  /** Records the Cloudify execution this step drives and persists it before returning. */
  public void recordExecution(String executionId) {
    state = state.withExecutionId(executionId);
    persist();
  }

  /** Writes the step state now (attempt markers must be durable before a non-idempotent call). */
  public void persist() {
    op = engine.persistStep(op, state);
  }

  /** A state change worth a thread line. */
  public void note(String line) {
    notes.add(line);
  }

  List<String> drainNotes() {
    List<String> l = List.copyOf(notes);
    notes.clear();
    return l;
  }

  Operation currentOp() {
    return op;
  }

  /** Next poll interval under {@code policy}, remembered in the step's data. */
  public Duration nextPoll(PollPolicy policy) {
    String prev = data("pollMs");
    Duration next = policy.next(prev == null ? null : Duration.ofMillis(Long.parseLong(prev)));
    data("pollMs", Long.toString(next.toMillis()));
    return next;
  }

  public void resetPoll() {
    data("pollMs", null);
  }

  /** A deadline stored in the step's data on first use, so it survives restarts. */
  public Instant deadline(String key, Duration limit) {
    String v = data(key);
    if (v == null) {
      Instant d = now().plus(limit);
      data(key, d.toString());
      return d;
    }
    return Instant.parse(v);
  }
}
