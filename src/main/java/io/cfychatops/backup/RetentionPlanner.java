package io.cfychatops.backup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides which nightly copies retention deletes, and says why for each one. Pure: no I/O, no
 * clock.
 *
 * <p>Rules, in the order they are reported:
 *
 * <ol>
 *   <li>the empty policy keeps everything;
 *   <li>the newest verified copy is never deleted;
 *   <li>a copy a running operation uses is never deleted;
 *   <li>an unverified copy newer than the newest verified one is kept (it may be the only copy of
 *       the latest state on the manager); older unverified copies are deleted as superseded;
 *   <li>verified copies are kept by keep-last, daily, weekly and monthly buckets: the newest
 *       verified copy of each of the N most recent days/weeks/months that have one.
 * </ol>
 */
public final class RetentionPlanner {

  /** One copy retention may act on: a nightly snapshot, on the manager and/or in the store. */
  public record Candidate(String snapshotId, Instant createdAt, boolean verified) {
    public Candidate {
      Objects.requireNonNull(snapshotId, "snapshotId");
      Objects.requireNonNull(createdAt, "createdAt");
    }
  }

  /** What happens to one copy and every reason that applies. */
  public record Decision(
      String snapshotId, Instant createdAt, boolean verified, boolean keep, List<String> reasons) {
    public Decision {
      reasons = List.copyOf(reasons);
    }
  }

  /** The plan for one manager, newest copy first. */
  public record Plan(String manager, RetentionPolicy policy, List<Decision> decisions) {
    public Plan {
      decisions = List.copyOf(decisions);
    }

    public List<Decision> toDelete() {
      return decisions.stream().filter(d -> !d.keep()).toList();
    }

    public List<Decision> toKeep() {
      return decisions.stream().filter(Decision::keep).toList();
    }
  }

  private final ZoneId zone;

  /** {@code zone} decides where a day, week and month begin (use the schedule's zone). */
  public RetentionPlanner(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  public Plan plan(
      String manager, RetentionPolicy policy, List<Candidate> candidates, Predicate<String> inUse) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(inUse, "inUse");
    List<Candidate> sorted = new ArrayList<>(candidates);
    sorted.sort(
        Comparator.comparing(Candidate::createdAt).thenComparing(Candidate::snapshotId).reversed());
    Map<String, List<String>> keepReasons = new LinkedHashMap<>();
    Map<String, List<String>> dropReasons = new LinkedHashMap<>();
    for (Candidate c : sorted) {
      keepReasons.put(c.snapshotId(), new ArrayList<>());
      dropReasons.put(c.snapshotId(), new ArrayList<>());
    }
    Candidate newestVerified = sorted.stream().filter(Candidate::verified).findFirst().orElse(null);

    for (Candidate c : sorted) {
      List<String> keep = keepReasons.get(c.snapshotId());
      if (policy.isEmpty()) {
        keep.add("retention policy is empty: nothing is deleted");
      }
      if (c == newestVerified) {
        keep.add("newest verified copy: never deleted");
      }
      if (inUse.test(c.snapshotId())) {
        keep.add("used by a running operation: never deleted");
      }
      if (!c.verified()) {
        if (newestVerified == null || c.createdAt().isAfter(newestVerified.createdAt())) {
          keep.add("unverified, but newer than any verified copy: kept until one supersedes it");
        } else {
          dropReasons
              .get(c.snapshotId())
              .add("unverified and older than verified " + newestVerified.snapshotId());
        }
      }
    }

    List<Candidate> verified = sorted.stream().filter(Candidate::verified).toList();
    if (!policy.isEmpty()) {
      for (int i = 0; i < verified.size(); i++) {
        Candidate c = verified.get(i);
        if (i < policy.keepLast()) {
          keepReasons
              .get(c.snapshotId())
              .add("keep-last: #" + (i + 1) + " of " + policy.keepLast());
        } else {
          dropReasons
              .get(c.snapshotId())
              .add("keep-last: #" + (i + 1) + ", beyond " + policy.keepLast());
        }
      }
      bucket(
          "daily",
          policy.daily(),
          verified,
          c -> LocalDate.ofInstant(c.createdAt(), zone).toString(),
          keepReasons,
          dropReasons);
      bucket(
          "weekly",
          policy.weekly(),
          verified,
          c -> {
            ZonedDateTime t = c.createdAt().atZone(zone);
            return String.format(
                "%d-W%02d",
                t.get(IsoFields.WEEK_BASED_YEAR), t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
          },
          keepReasons,
          dropReasons);
      bucket(
          "monthly",
          policy.monthly(),
          verified,
          c -> YearMonth.from(c.createdAt().atZone(zone)).toString(),
          keepReasons,
          dropReasons);
    }

    List<Decision> out = new ArrayList<>();
    for (Candidate c : sorted) {
      List<String> keep = keepReasons.get(c.snapshotId());
      boolean kept = !keep.isEmpty();
      out.add(
          new Decision(
              c.snapshotId(),
              c.createdAt(),
              c.verified(),
              kept,
              kept ? keep : dropReasons.get(c.snapshotId())));
    }
    return new Plan(manager, policy, out);
  }

  private static void bucket(
      String rule,
      int count,
      List<Candidate> verifiedNewestFirst,
      Function<Candidate, String> key,
      Map<String, List<String>> keepReasons,
      Map<String, List<String>> dropReasons) {
    if (count == 0) {
      return;
    }
    Map<String, Candidate> firstOfBucket = new LinkedHashMap<>();
    for (Candidate c : verifiedNewestFirst) {
      firstOfBucket.putIfAbsent(key.apply(c), c);
    }
    List<String> buckets = new ArrayList<>(firstOfBucket.keySet());
    for (Candidate c : verifiedNewestFirst) {
      String k = key.apply(c);
      int index = buckets.indexOf(k);
      Candidate representative = firstOfBucket.get(k);
      if (index >= count) {
        dropReasons
            .get(c.snapshotId())
            .add(rule + ": " + k + " is outside the " + count + " newest " + rule + " buckets");
      } else if (representative == c) {
        keepReasons
            .get(c.snapshotId())
            .add(rule + ": newest of " + k + " (bucket " + (index + 1) + " of " + count + ")");
      } else {
        dropReasons
            .get(c.snapshotId())
            .add(rule + ": " + k + " is kept by " + representative.snapshotId());
      }
    }
  }
}
