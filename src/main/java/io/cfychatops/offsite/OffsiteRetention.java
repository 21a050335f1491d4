package io.cfychatops.offsite;

import io.cfychatops.backup.RetentionPlanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a retention plan to the off-site copies: deletes the off-site object of every copy the
 * plan drops, never one still under retention (those are kept and reported with their date), and
 * never touches a copy the plan keeps. One failing object does not stop the others.
 */
public final class OffsiteRetention {
  private static final Logger log = LoggerFactory.getLogger(OffsiteRetention.class);

  /** One dropped copy: the delete's result, or the failure that stopped it. */
  public record Entry(String snapshotId, DeleteResult result, OffsiteException failure) {
    public Entry {
      Objects.requireNonNull(snapshotId, "snapshotId");
      if ((result == null) == (failure == null)) {
        throw new IllegalArgumentException("exactly one of result and failure");
      }
    }

    /**
     * "deleted nightly-x off-site (1 version)" / "kept nightly-y off-site: locked until …" /
     * "failed …".
     */
    public String describe() {
      if (failure != null) {
        return "could not delete " + snapshotId + " off-site: " + failure.getMessage();
      }
      return snapshotId + ": " + result.reason();
    }
  }

  /** What one pass did for one manager, in plan order. */
  public record Report(String manager, List<Entry> entries) {
    public Report {
      entries = List.copyOf(entries);
    }

    public List<Entry> deleted() {
      return entries.stream()
          .filter(e -> e.result() != null && e.result().outcome() == DeleteResult.Outcome.DELETED)
          .toList();
    }

    /** Kept because a version is still locked. */
    public List<Entry> skipped() {
      return entries.stream()
          .filter(e -> e.result() != null && e.result().outcome() == DeleteResult.Outcome.LOCKED)
          .toList();
    }

    public List<Entry> failed() {
      return entries.stream().filter(e -> e.failure() != null).toList();
    }
  }

  private final OffsiteStore store;

  public OffsiteRetention(OffsiteStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Deletes off-site what {@code plan} drops, as of {@code now}. */
  public Report apply(RetentionPlanner.Plan plan, Instant now) {
    List<Entry> entries = new ArrayList<>();
    for (RetentionPlanner.Decision d : plan.toDelete()) {
      try {
        entries.add(
            new Entry(d.snapshotId(), store.delete(plan.manager(), d.snapshotId(), now), null));
      } catch (OffsiteException e) {
        log.warn(
            "off-site retention: {} of {} not deleted: {}",
            d.snapshotId(),
            plan.manager(),
            e.getMessage());
        entries.add(new Entry(d.snapshotId(), null, e));
      }
    }
    return new Report(plan.manager(), entries);
  }
}
