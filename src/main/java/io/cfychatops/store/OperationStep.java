package io.cfychatops.store;

import java.time.Instant;

/** One runbook step of an operation; {@code endedAt} and {@code detail} are null while RUNNING. */
public record OperationStep(
    String opId, int seq, String name, StepStatus status, Instant startedAt, Instant endedAt, String detail) {}
