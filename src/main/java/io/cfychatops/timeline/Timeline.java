package io.cfychatops.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The timeline of one operation: every recorded event in time order, the named milestones among
 * them, and the durations that follow from the milestones.
 *
 * @param operationId e.g. {@code op-x7k2q9}
 * @param title e.g. "restore on prod"
 * @param status the operation's status as stored ({@code succeeded}, {@code running}, …)
 * @param events one per recorded event, oldest first
 * @param milestones the named moments ({@link #REQUESTED}, votes, {@link #APPROVED}, …), oldest
 *     first
 */
public record Timeline(
    String operationId,
    String manager,
    String title,
    String status,
    List<Event> events,
    List<Milestone> milestones) {

  public static final String REQUESTED = "requested";
  public static final String VOTE = "vote";
  public static final String APPROVED = "approved";
  public static final String MAINTENANCE_ON = "maintenance on";
  public static final String REST_DOWN = "REST down";
  public static final String REST_BACK = "REST back";
  public static final String RESTORE_ENDED = "restore execution ended";
  public static final String MAINTENANCE_OFF = "maintenance off";
  public static final String RECEIPT = "receipt";
  public static final String FINISHED = "operation finished";

  /** One row: when (UTC), who, what, and a redacted one-line detail. */
  public record Event(Instant at, String actor, String event, String detail) {
    public Event {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** A named moment; {@code name} is one of the constants of {@link Timeline}. */
  public record Milestone(String name, Instant at, String actor) {}

  public Timeline {
    events = List.copyOf(events);
    milestones = List.copyOf(milestones);
  }

  /** The first milestone named {@code name}. */
  public Optional<Milestone> first(String name) {
    return milestones.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The last milestone named {@code name}. */
  public Optional<Milestone> last(String name) {
    Milestone found = null;
    for (Milestone m : milestones) {
      if (m.name().equals(name)) {
        found = m;
      }
    }
    return Optional.ofNullable(found);
  }

  /** When the request was made: the first milestone. */
  public @Nullable Instant start() {
    return milestones.isEmpty() ? null : milestones.get(0).at();
  }

  /** The time from {@code start()} to {@code m}. */
  public Duration sinceStart(Milestone m) {
    Instant s = start();
    return s == null ? Duration.ZERO : Duration.between(s, m.at());
  }

  /** The downtime: maintenance mode on until maintenance mode off; empty unless both happened. */
  public Optional<Duration> downtime() {
    return between(MAINTENANCE_ON, MAINTENANCE_OFF);
  }

  /** REST down until REST back; empty unless both were recorded. */
  public Optional<Duration> restOutage() {
    return between(REST_DOWN, REST_BACK);
  }

  /** Requested until approved. */
  public Optional<Duration> toApproval() {
    return between(REQUESTED, APPROVED);
  }

  /** Requested until the operation finished. */
  public Optional<Duration> total() {
    return between(REQUESTED, FINISHED);
  }

  /** The named durations in display order, for every renderer. */
  public List<Span> spans() {
    return List.of(
            new Span("time to approval", toApproval()),
            new Span("downtime (maintenance window)", downtime()),
            new Span("REST outage", restOutage()),
            new Span("total", total()))
        .stream()
        .filter(s -> s.duration().isPresent())
        .toList();
  }

  /** A named duration. */
  public record Span(String name, Optional<Duration> duration) {}

  private Optional<Duration> between(String from, String to) {
    Optional<Milestone> a = first(from);
    Optional<Milestone> b = last(to);
    if (a.isEmpty() || b.isEmpty() || b.get().at().isBefore(a.get().at())) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(a.get().at(), b.get().at()));
  }
}
