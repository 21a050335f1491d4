package io.cfychatops.ops;

/** Lifecycle of one runbook step. */
public enum StepStatus {
  PENDING("·"),
  RUNNING("▶"),
  DONE("✓"),
  FAILED("✗"),
  SKIPPED("–");

  private final String mark;

  StepStatus(String mark) {
    this.mark = mark;
  }

  public String mark() {
    return mark;
  }

  public boolean isFinished() {
    return this == DONE || this == FAILED || this == SKIPPED;
  }
}
