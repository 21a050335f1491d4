package io.cfychatops.ops;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Persisted state of one step: status, times, the Cloudify execution it drives (so a resumed engine
 * re-attaches instead of re-issuing), a human detail line and small step-private data (attempt
 * markers, deadlines, poll interval).
 */
public record StepState(
    String name,
    StepStatus status,
    Instant startedAt,
    Instant finishedAt,
    String executionId,
    String detail,
    Map<String, String> data) {

  public StepState {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    detail = detail == null ? "" : detail;
    data = Map.copyOf(data == null ? Map.of() : data);
  }

  public static StepState pending(String name) {
    return new StepState(name, StepStatus.PENDING, null, null, null, "", Map.of());
  }

  public StepState withStatus(StepStatus s) {
    return new StepState(name, s, startedAt, finishedAt, executionId, detail, data);
  }

  public StepState started(Instant at) {
    return new StepState(name, StepStatus.RUNNING, at, null, executionId, detail, data);
  }

  public StepState finished(StepStatus s, Instant at, String newDetail) {
    return new StepState(name, s, startedAt, at, executionId, newDetail, data);
  }

  public StepState withExecutionId(String id) {
    return new StepState(name, status, startedAt, finishedAt, id, detail, data);
  }

  public StepState withDetail(String d) {
    return new StepState(name, status, startedAt, finishedAt, executionId, d, data);
  }

  public StepState withData(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(data);
    if (value == null) {
      m.remove(key);
    } else {
      m.put(key, value);
    }
    return new StepState(name, status, startedAt, finishedAt, executionId, detail, m);
  }
}
