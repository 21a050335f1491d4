package io.cfychatops.ops;

import io.cfychatops.chat.MessageRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A durable operation: what was asked, its steps, where its living message is, and how it ended.
 * Immutable; every change produces a new value that the engine writes with a compare-and-set on
 * {@code version}.
 *
 * @param spec what runs, typed per kind ({@link OperationSpec}). Never secrets.
 * @param approval the approval that started it, or null
 * @param incident where progress goes: a channel id/name, {@code new}, or null (the default)
 * @param cancel NONE, REQUESTED (not yet seen by the runbook), ACCEPTED, REFUSED
 * @param failure the first failure reason, or null
 * @param lastChangeAt when something visible last changed (drives the "no change for N min" flag)
 */
public record Operation(
    String id,
    OpKind kind,
    String manager,
    OperationSpec spec,
    String approval,
    String incident,
    String requester,
    List<String> approvers,
    OpStatus status,
    List<StepState> steps,
    String channel,
    MessageRef messageRef,
    Instant createdAt,
    Instant lastChangeAt,
    Instant finishedAt,
    String cancel,
    String failure,
    String summary,
    long version) {

  public Operation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(spec, "spec");
    if (spec.kind() != kind) {
      throw new IllegalArgumentException("a " + spec.kind() + " spec for a " + kind + " operation");
    }
    approvers = List.copyOf(approvers == null ? List.of() : approvers);
    steps = List.copyOf(steps == null ? List.of() : steps);
    requester = requester == null ? "" : requester;
    cancel = cancel == null ? "NONE" : cancel;
    summary = summary == null ? "" : summary;
    lastChangeAt = lastChangeAt == null ? createdAt : lastChangeAt;
  }

  /** The spec as the runbook of {@code type} expects it. */
  public <T extends OperationSpec> T spec(Class<T> type) {
    // a drill composes the upload and restore runbooks' steps: they read its views
    if (spec instanceof OperationSpec.DrillSpec d && !type.isInstance(spec)) {
      if (type == OperationSpec.UploadSpec.class) {
        return type.cast(d.asUpload());
      }
      if (type == OperationSpec.RestoreSpec.class) {
        return type.cast(d.asRestore());
      }
    }
    return type.cast(spec);
  }

  public Optional<StepState> step(String name) {
    return steps.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The step that is running, or the next pending one. */
  public Optional<StepState> currentStep() {
    return steps.stream().filter(s -> !s.status().isFinished()).findFirst();
  }

  public Duration elapsed(Instant now) {
    Instant end = finishedAt != null ? finishedAt : now;
    return Duration.between(createdAt, end);
  }

  /** What the operation is about, for titles: "restore `nightly-1` on prod". */
  public String subject() {
    return kind.label()
        + spec.snapshotIfAny().map(s -> " `" + s.value() + "`").orElse("")
        + " on "
        + manager;
  }

  // ---- withers --------------------------------------------------------------------------------

  public Operation withStep(StepState s) {
    List<StepState> l = new ArrayList<>(steps);
    for (int i = 0; i < l.size(); i++) {
      if (l.get(i).name().equals(s.name())) {
        l.set(i, s);
        return copy(
            status, l, channel, messageRef, lastChangeAt, finishedAt, cancel, failure, summary);
      }
    }
    throw new IllegalArgumentException("No step `" + s.name() + "` in operation " + id);
  }

  public Operation withStatus(OpStatus s, Instant at, String newSummary) {
    return copy(
        s, steps, channel, messageRef, at, s.isFinal() ? at : null, cancel, failure, newSummary);
  }

  public Operation withMessage(String ch, MessageRef ref) {
    return copy(status, steps, ch, ref, lastChangeAt, finishedAt, cancel, failure, summary);
  }

  public Operation withChange(Instant at) {
    return copy(status, steps, channel, messageRef, at, finishedAt, cancel, failure, summary);
  }

  public Operation withCancel(String c) {
    return copy(status, steps, channel, messageRef, lastChangeAt, finishedAt, c, failure, summary);
  }

  public Operation withFailure(String f) {
    return copy(status, steps, channel, messageRef, lastChangeAt, finishedAt, cancel, f, summary);
  }

  /** The same value with the version the store assigned. */
  public Operation withVersion(long v) {
    return new Operation(
        id,
        kind,
        manager,
        spec,
        approval,
        incident,
        requester,
        approvers,
        status,
        steps,
        channel,
        messageRef,
        createdAt,
        lastChangeAt,
        finishedAt,
        cancel,
        failure,
        summary,
        v);
  }

  private Operation copy(
      OpStatus st,
      List<StepState> sts,
      String ch,
      MessageRef ref,
      Instant change,
      Instant fin,
      String can,
      String fail,
      String sum) {
    return new Operation(
        id, kind, manager, spec, approval, incident, requester, approvers, st, sts, ch, ref,
        createdAt, change, fin, can, fail, sum, version);
  }
}
