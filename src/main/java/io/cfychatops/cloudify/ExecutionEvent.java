package io.cfychatops.cloudify;

import java.time.Instant;
import java.util.Objects;

/**
 * One event or log of an execution as {@code GET /events} serves it: its time ({@code @timestamp},
 * else {@code timestamp}; null when neither parses), {@code type} ({@code cloudify_log} or {@code
 * cloudify_event}), {@code level} (logs only, else ""), {@code event_type} (events only, else "")
 * and {@code message.text} as the manager wrote it: not redacted, callers redact before display.
 */
public record ExecutionEvent(
    Instant timestamp, String type, String level, String eventType, String message) {
  public ExecutionEvent {
    type = Objects.requireNonNullElse(type, "");
    level = Objects.requireNonNullElse(level, "");
    eventType = Objects.requireNonNullElse(eventType, "");
    message = Objects.requireNonNullElse(message, "");
  }
}
