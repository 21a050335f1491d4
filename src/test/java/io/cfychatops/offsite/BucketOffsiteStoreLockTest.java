package io.cfychatops.offsite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.backup.RetentionPlanner;
import io.cfychatops.backup.RetentionPolicy;
import io.cfychatops.testing.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Object lock and version handling of {@link BucketOffsiteStore}, against a fake bucket that
 * behaves like AWS S3 with versioning and Object Lock (S3Proxy implements neither, so the S3
 * adapter tests cannot reach this logic): locks set after verification only, deletes by version id
 * that free storage instead of adding delete markers, locked versions kept and reported with their
 * date, retention plans applied off-site.
 */
class BucketOffsiteStoreLockTest {
  private static final Instant T0 = Instant.parse("2026-12-02T02:00:00Z");
  private static final String M = "prod";

  @TempDir Path tmp;
  private final SettableClock clock = new SettableClock(T0);
  private final FakeLockingBucket bucket = new FakeLockingBucket(clock);

  private BucketOffsiteStore store(LockPolicy lock) {
    return new BucketOffsiteStore(
        bucket, new BucketOffsiteStore.Settings("cfy", lock, 4096), clock);
  }

  private Path file(String name, int size) throws Exception {
    byte[] b = new byte[size];
    new Random(name.hashCode()).nextBytes(b);
    return Files.write(tmp.resolve(name), b);
  }

  private static ArchiveFacts facts(Path f) throws Exception {
    byte[] b = Files.readAllBytes(f);
    return new ArchiveFacts(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)),
        b.length,
        "7.0.0",
        T0);
  }

  @Test
  void aVerifiedCopyIsLockedForThePolicyDaysOrUntilTheDateThePlanGives() throws Exception {
    BucketOffsiteStore store = store(new LockPolicy(LockMode.COMPLIANCE, 30));
    Path zip = file("a.zip", 1000);
    PushResult r = store.push(M, "nightly-prod-20261202-0200", zip, facts(zip));
    assertThat(r.ok()).isTrue();
    assertThat(r.lockedUntil()).isEqualTo(Instant.parse("2027-01-01T02:00:00Z"));
    assertThat(r.summary()).isEqualTo("✓ off-site, locked until 2027-01-01T02:00:00Z");
    assertThat(bucket.retentionOfLatest(r.key()))
        .contains(new Retention(LockMode.COMPLIANCE, Instant.parse("2027-01-01T02:00:00Z")));
    // the lock comes after the read-back, on the very version written
    assertThat(bucket.calls)
        .containsSubsequence(
            "put cfy/prod/nightly-prod-20261202-0200.zip", "putRetention v1 2027-01-01T02:00:00Z");

    Instant monthly = Instant.parse("2027-06-30T10:15:30.123Z");
    PushResult r2 = store.push(M, "nightly-prod-20261201-0200", zip, facts(zip), monthly);
    assertThat(r2.lockedUntil())
        .as("whole seconds")
        .isEqualTo(Instant.parse("2027-06-30T10:15:30Z"));
    assertThatThrownBy(
            () -> store.push(M, "nightly-prod-20261130-0200", zip, facts(zip), T0.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not in the future");
  }

  @Test
  void aCopyThatFailsVerificationIsNeverLockedAndIsDeleted() throws Exception {
    bucket.corrupt = true;
    BucketOffsiteStore store = store(new LockPolicy(LockMode.COMPLIANCE, 30));
    Path zip = file("a.zip", 1000);
    PushResult r = store.push(M, "nightly-prod-20261202-0200", zip, facts(zip));
    assertThat(r.verified()).isFalse();
    assertThat(r.lockedUntil()).isNull();
    assertThat(r.reason()).startsWith("read-back differs").endsWith("the bad copy was deleted");
    assertThat(bucket.calls).noneMatch(c -> c.startsWith("putRetention"));
    assertThat(bucket.dataVersions(r.key())).isZero();
    assertThat(bucket.markers(r.key()))
        .as("deleted by version id, not hidden by a marker")
        .isZero();
  }

  @Test
  void multipartOnAVersionedBucketLocksTheCompletedVersionAndAbortsOnFailure() throws Exception {
    BucketOffsiteStore store = store(new LockPolicy(LockMode.GOVERNANCE, 1));
    Path zip = file("big.zip", 10_000); // parts of 4096: 3 parts
    PushResult r = store.push(M, "nightly-prod-20261202-0200", zip, facts(zip));
    assertThat(r.ok()).as(r.summary()).isTrue();
    assertThat(bucket.calls)
        .contains("uploadPart 1", "uploadPart 2", "uploadPart 3", "completeMultipart 3");

    bucket.failPart = 2;
    assertThatThrownBy(() -> store.push(M, "nightly-prod-20261203-0200", zip, facts(zip)))
        .isInstanceOf(OffsiteException.class)
        .hasMessageContaining("uploading part 2");
    assertThat(bucket.calls).contains("abortMultipart");
    assertThat(bucket.openUploads()).isZero();
    assertThat(store.describe(M, "nightly-prod-20261203-0200")).isEmpty();
  }

  @Test
  void deleteKeepsALockedCopyUntilItsDateThenFreesEveryVersion() throws Exception {
    BucketOffsiteStore store = store(new LockPolicy(LockMode.COMPLIANCE, 7));
    Path zip = file("a.zip", 500);
    String id = "nightly-prod-20261202-0200";
    store.push(M, id, zip, facts(zip));
    store.push(
        M, id, zip, facts(zip)); // a re-run of the same snapshot: a second version, also locked
    String key = store.key(M, id);
    assertThat(bucket.dataVersions(key)).isEqualTo(2);

    DeleteResult early = store.delete(M, id, clock.instant().plus(Duration.ofDays(3)));
    assertThat(early.outcome()).isEqualTo(DeleteResult.Outcome.LOCKED);
    assertThat(early.outcome().gone()).isFalse();
    assertThat(early.versionsDeleted()).isZero();
    assertThat(early.lockedUntil()).isEqualTo(Instant.parse("2026-12-09T02:00:00Z"));
    assertThat(early.reason())
        .isEqualTo(
            "kept off-site: locked until 2026-12-09T02:00:00Z (COMPLIANCE), 2 version(s) under retention");
    assertThat(bucket.calls).as("never even attempted").noneMatch(c -> c.startsWith("delete v"));
    assertThat(bucket.dataVersions(key)).isEqualTo(2);

    clock.advance(Duration.ofDays(7).plusSeconds(1));
    DeleteResult late = store.delete(M, id, clock.instant());
    assertThat(late.outcome()).isEqualTo(DeleteResult.Outcome.DELETED);
    assertThat(late.versionsDeleted()).isEqualTo(2);
    assertThat(late.reason()).isEqualTo("deleted off-site (2 versions)");
    assertThat(bucket.dataVersions(key))
        .as("storage freed, not hidden behind a delete marker")
        .isZero();
    assertThat(bucket.markers(key)).isZero();
    assertThat(store.delete(M, id, clock.instant()).outcome())
        .isEqualTo(DeleteResult.Outcome.NOT_FOUND);
  }

  @Test
  void expiredVersionsGoWhileALockedOneStaysVisible() throws Exception {
    BucketOffsiteStore store = store(new LockPolicy(LockMode.GOVERNANCE, 2));
    Path zip = file("a.zip", 500);
    String id = "nightly-prod-20261202-0200";
    store.push(M, id, zip, facts(zip)); // locked until T0 + 2 d
    clock.advance(Duration.ofDays(3));
    store.push(M, id, zip, facts(zip)); // locked until T0 + 5 d
    String key = store.key(M, id);
    bucket.plainDeleteByOthers(key); // a naive client "deleted" it: only a marker, nothing freed
    assertThat(store.list(M)).as("hidden by the marker").isEmpty();
    assertThat(bucket.dataVersions(key)).isEqualTo(2);

    DeleteResult d = store.delete(M, id, clock.instant());
    assertThat(d.outcome()).isEqualTo(DeleteResult.Outcome.LOCKED);
    assertThat(d.lockedUntil()).isEqualTo(T0.plus(Duration.ofDays(5)));
    assertThat(d.versionsDeleted()).as("the expired version and the marker").isEqualTo(2);
    assertThat(d.reason())
        .isEqualTo(
            "kept off-site: locked until "
                + T0.plus(Duration.ofDays(5))
                + " (GOVERNANCE), 1 version(s) under retention; 2 other version(s) deleted");
    assertThat(bucket.dataVersions(key)).isEqualTo(1);
    assertThat(store.list(M))
        .as("the locked copy is listed again, so the next pass retries it")
        .extracting(OffsiteObject::snapshotId)
        .containsExactly(id);
    OffsiteCopy copy = store.describe(M, id).orElseThrow();
    assertThat(copy.retention())
        .isEqualTo(new Retention(LockMode.GOVERNANCE, T0.plus(Duration.ofDays(5))));
    assertThat(copy.facts()).isEqualTo(facts(zip));
  }

  @Test
  void whenTheRetentionCannotBeReadNothingIsDeleted() throws Exception {
    BucketOffsiteStore store = store(new LockPolicy(LockMode.COMPLIANCE, 1));
    Path zip = file("a.zip", 500);
    store.push(M, "nightly-prod-20261202-0200", zip, facts(zip));
    clock.advance(Duration.ofDays(2));
    bucket.failRetentionReads = OffsiteProblem.ACCESS_DENIED;
    assertThatThrownBy(() -> store.delete(M, "nightly-prod-20261202-0200", clock.instant()))
        .isInstanceOfSatisfying(
            OffsiteException.class,
            e -> assertThat(e.problem()).isEqualTo(OffsiteProblem.ACCESS_DENIED));
    assertThat(bucket.dataVersions(store.key(M, "nightly-prod-20261202-0200"))).isEqualTo(1);
  }

  @Test
  void lockNotEnabledOnTheBucketIsReportedBySelfTestAndPush() throws Exception {
    bucket.lockEnabled = false;
    BucketOffsiteStore store = store(new LockPolicy(LockMode.COMPLIANCE, 30));
    SelfTestResult st = store.selfTest();
    assertThat(st.ok()).isFalse();
    assertThat(st.firstFailure().orElseThrow().name()).isEqualTo("object lock");
    assertThat(st.firstFailure().orElseThrow().problem())
        .isEqualTo(OffsiteProblem.LOCK_NOT_ENABLED);
    assertThat(st.checks())
        .extracting(SelfTestResult.Check::status)
        .containsExactly(
            SelfTestResult.Status.OK,
            SelfTestResult.Status.OK,
            SelfTestResult.Status.OK,
            SelfTestResult.Status.OK,
            SelfTestResult.Status.FAILED);

    Path zip = file("a.zip", 500);
    PushResult r = store.push(M, "nightly-prod-20261202-0200", zip, facts(zip));
    assertThat(r.verified()).isTrue();
    assertThat(r.ok()).isFalse();
    assertThat(r.reason())
        .startsWith("verified, but not locked")
        .contains("Bucket is missing Object Lock Configuration");

    bucket.lockEnabled = true;
    SelfTestResult good = store.selfTest();
    assertThat(good.ok()).as(good.describe()).isTrue();
    assertThat(good.checks().get(3).detail()).isEqualTo("deleted the probe version");
    assertThat(good.checks().get(4).detail())
        .startsWith("enabled; copies are locked COMPLIANCE, 30 days from each push");
  }

  @Test
  void retentionOffsiteDeletesWhatThePlanDropsAndSkipsWhatIsStillLocked() throws Exception {
    BucketOffsiteStore store = store(new LockPolicy(LockMode.COMPLIANCE, 30));
    Path zip = file("a.zip", 300);
    List<RetentionPlanner.Candidate> candidates = new ArrayList<>();
    // five nightlies, one per day; the oldest two were pushed with short plan-given locks
    for (int day = 1; day <= 5; day++) {
      String id = "nightly-prod-2026120" + day + "-0200";
      Instant created = Instant.parse("2026-12-0" + day + "T02:00:00Z");
      Instant lock =
          day <= 2 ? T0.plus(Duration.ofDays(day)) : null; // day 1: until Dec 3, day 2: until Dec 4
      store.push(M, id, zip, facts(zip), lock);
      candidates.add(new RetentionPlanner.Candidate(id, created, true));
    }
    RetentionPlanner.Plan plan =
        new RetentionPlanner(ZoneOffset.UTC)
            .plan(M, new RetentionPolicy(2, 0, 0, 0), candidates, id -> false);
    assertThat(plan.toDelete())
        .extracting(RetentionPlanner.Decision::snapshotId)
        .containsExactly(
            "nightly-prod-20261203-0200",
            "nightly-prod-20261202-0200",
            "nightly-prod-20261201-0200");

    clock.set(
        Instant.parse(
            "2026-12-03T12:00:00Z")); // day 1's lock has expired, day 2's and day 3's have not
    OffsiteRetention.Report report = new OffsiteRetention(store).apply(plan, clock.instant());
    assertThat(report.deleted())
        .extracting(OffsiteRetention.Entry::snapshotId)
        .containsExactly("nightly-prod-20261201-0200");
    assertThat(report.skipped())
        .extracting(OffsiteRetention.Entry::snapshotId)
        .containsExactly("nightly-prod-20261203-0200", "nightly-prod-20261202-0200");
    assertThat(report.skipped().get(1).describe())
        .isEqualTo(
            "nightly-prod-20261202-0200: kept off-site: locked until 2026-12-04T02:00:00Z (COMPLIANCE), 1 version(s) under retention");
    assertThat(report.failed()).isEmpty();
    assertThat(store.list(M))
        .extracting(OffsiteObject::snapshotId)
        .containsExactly(
            "nightly-prod-20261202-0200",
            "nightly-prod-20261203-0200",
            "nightly-prod-20261204-0200",
            "nightly-prod-20261205-0200");

    bucket.failRetentionReads = OffsiteProblem.TIMEOUT;
    OffsiteRetention.Report failing = new OffsiteRetention(store).apply(plan, clock.instant());
    assertThat(failing.failed())
        .as("a copy whose retention cannot be read is not deleted")
        .hasSize(2);
    assertThat(failing.failed().get(0).describe())
        .startsWith("could not delete nightly-prod-20261203-0200 off-site: ");
    assertThat(failing.entries().get(2).result().outcome())
        .as("day 1 is already gone")
        .isEqualTo(DeleteResult.Outcome.NOT_FOUND);
    assertThat(store.list(M)).hasSize(4);
  }

  @Test
  void thePartSizeGrowsSoNoArchiveNeedsMoreThanTenThousandParts() {
    BucketOffsiteStore store =
        new BucketOffsiteStore(bucket, new BucketOffsiteStore.Settings("", null, 64L << 20), clock);
    assertThat(store.partSizeFor(1L << 30)).isEqualTo(64L << 20);
    long huge = 1L << 40; // 1 TiB
    long part = store.partSizeFor(huge);
    assertThat((huge + part - 1) / part).isLessThanOrEqualTo(BucketOffsiteStore.MAX_PARTS);
    assertThat(store.key("m", "s")).isEqualTo("m/s.zip");
  }
}
