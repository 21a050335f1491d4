package io.cfychatops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.app.CloudifyManagerPort;
import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.archive.StoredArchive;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.Credentials;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.cloudify.http.HttpCloudifyClient;
import io.cfychatops.config.OffsiteConfig;
import io.cfychatops.config.Secret;
import io.cfychatops.metrics.Metrics;
import io.cfychatops.offsite.BucketOffsiteStore;
import io.cfychatops.offsite.FakeLockingBucket;
import io.cfychatops.offsite.LockMode;
import io.cfychatops.offsite.LockPolicy;
import io.cfychatops.offsite.OffsiteException;
import io.cfychatops.offsite.OffsiteProblem;
import io.cfychatops.offsite.OffsiteStore;
import io.cfychatops.offsite.SelfTestResult;
import io.cfychatops.offsite.s3.S3Offsite;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.SimulatorConfig;
import io.cfychatops.testing.FaultyBlobStore;
import io.cfychatops.testing.S3ProxyServer;
import io.cfychatops.testing.SettableClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly run's off-site step against a real S3 server (S3Proxy in-process over a filesystem
 * store) and the simulator over real HTTP: push and read-back verify, the bucket object's SHA-256
 * equal to the local sidecar's, a corrupted object detected, wrong credentials and a missing bucket
 * reported as ✗ without failing the backup, an idempotent re-push, retention off-site, a restore
 * source fetched from off-site through the archive store, and the self-test.
 */
class NightlyOffsiteTest {
  private static final String BUCKET = "cfy-offsite";

  final SettableClock clock = SettableClock.create(); // 2024-08-12T02:00:00Z
  final Metrics metrics = Metrics.create();
  @TempDir Path tmp;
  CloudifySimulator sim;
  CloudifyClient client;
  S3ProxyServer s3;
  FaultyBlobStore faults;
  final List<AutoCloseable> open = new ArrayList<>();
  InMemoryBackupCatalog catalog;
  ArchiveStore archives;

  @BeforeEach
  void start() throws Exception {
    sim =
        new CloudifySimulator(
            SimulatorConfig.builder()
                .clock(clock)
                .storageDir(tmp.resolve("sim"))
                .archiveSize(256 * 1024)
                .build());
    sim.start();
    client =
        HttpCloudifyClient.create(
            ManagerConnection.of(
                "default",
                URI.create(sim.baseUrl()),
                "default_tenant",
                Credentials.basic("admin", "admin")));
    s3 =
        S3ProxyServer.start(
            Files.createDirectories(tmp.resolve("blobs")), b -> faults = new FaultyBlobStore(b));
    s3.createBucket(BUCKET);
    catalog = new InMemoryBackupCatalog();
    archives = new ArchiveStore(tmp.resolve("archives"));
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    client.close();
    sim.stop();
    s3.close();
  }

  private OffsiteStore offsite(String bucket, String secret) {
    OffsiteStore s =
        S3Offsite.open(
            new OffsiteConfig(
                s3.endpoint(),
                "us-east-1",
                bucket,
                "cfy",
                true,
                Secret.of(S3ProxyServer.ACCESS_KEY),
                Secret.of(secret),
                null,
                OffsiteConfig.Checksums.WHEN_REQUIRED,
                OffsiteConfig.MIN_PART_SIZE,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                null),
            clock);
    open.add(s);
    return s;
  }

  private NightlyService service(OffsiteStore offsite, RetentionPolicy retention) {
    NightlyService s =
        ManualNightly.builder(clock, clock::advance, new CloudifyManagerPort(m -> client, metrics))
            .config(
                BackupConfig.builder()
                    .manager("default", ZoneId.of("UTC"))
                    .reportsChannel("#ops")
                    .retention(retention)
                    .pollInterval(Duration.ofSeconds(1))
                    .build())
            .store(archives)
            .catalog(catalog)
            .runs(new InMemoryNightlyRunLog())
            .metrics(metrics)
            .offsite(offsite)
            .build();
    open.add(s);
    return s;
  }

  private NightlyService service(OffsiteStore offsite) {
    return service(offsite, RetentionPolicy.NONE);
  }

  private static String sha256(Path f) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(f)) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private String objectKey(String snapshotId) {
    return "cfy/default/" + snapshotId + ".zip";
  }

  @Test
  void aNightlyGoesOffSiteVerifiedAndTheBucketObjectHashesLikeTheLocalSidecar() throws Exception {
    NightlyService service = service(offsite(BUCKET, S3ProxyServer.SECRET_KEY));

    NightReport report = service.runNow("default");

    ManagerRun run = report.rows().get(0).run();
    assertThat(run.succeeded()).as(run.error()).isTrue();
    assertThat(run.offsite()).isNotNull();
    assertThat(run.offsite().verified()).as(run.offsite().summary()).isTrue();
    assertThat(run.offsite().key()).isEqualTo(objectKey(run.snapshotId()));
    assertThat(BackupReport.render(report).fallbackText()).contains("verified · ✓ off-site");
    StoredArchive local = archives.find("default", run.snapshotId()).orElseThrow();
    Path object = s3.blobFile(BUCKET, objectKey(run.snapshotId()));
    assertThat(sha256(object)).isEqualTo(local.sha256()).isEqualTo(run.sha256());
    CatalogEntry entry = catalog.list("default").get(0);
    assertThat(entry.offsite()).isNotNull();
    assertThat(entry.offsite().status()).isEqualTo(OffsiteState.Status.VERIFIED);
    assertThat(metrics.scrape())
        .contains("cfy_offsite_pushes_succeeded_total{manager=\"default\"} 1.0");
  }

  @Test
  void aCopyThatReadsBackWrongIsReportedAndDeletedAndTheBackupStillSucceeds() {
    NightlyService service = service(offsite(BUCKET, S3ProxyServer.SECRET_KEY));
    faults.corrupt = true;

    ManagerRun run = service.runNow("default").rows().get(0).run();

    assertThat(run.succeeded()).as("the local backup stands").isTrue();
    assertThat(run.offsite().verified()).isFalse();
    assertThat(run.offsite().reason()).contains("read-back differs", "the bad copy was deleted");
    assertThat(Files.exists(s3.blobFile(BUCKET, objectKey(run.snapshotId())))).isFalse();
    assertThat(BackupReport.row(new NightReport.Row(run, null, null, "")))
        .contains("✅ default", "✗ off-site: read-back differs");
    assertThat(metrics.scrape())
        .contains("cfy_offsite_pushes_failed_total{manager=\"default\",reason=\"integrity\"} 1.0");
  }

  @Test
  void wrongCredentialsAreReportedWithTheNextStepAndFailTheSelfTest() {
    OffsiteStore bad = offsite(BUCKET, "not-the-secret");
    NightlyService service = service(bad);

    ManagerRun run = service.runNow("default").rows().get(0).run();

    assertThat(run.succeeded()).isTrue();
    assertThat(run.offsite().verified()).isFalse();
    assertThat(run.offsite().reason()).contains("check access_key/secret_key");
    assertThat(metrics.scrape()).contains("reason=\"bad_credentials\"");
    OffsiteCopies copies = service.offsite().orElseThrow();
    assertThat(copies.notReady()).as("no self-test has run yet").isEmpty();
    SelfTestResult r = copies.runSelfTest();
    assertThat(r.ok()).isFalse();
    assertThat(copies.notReady()).singleElement().asString().contains("credentials and bucket");
    assertThat(copies.statusLine()).startsWith("✗ off-site");
  }

  @Test
  void aMissingBucketIsReportedAndTheSelfTestSaysCreateIt() {
    NightlyService service = service(offsite("no-such-bucket", S3ProxyServer.SECRET_KEY));

    ManagerRun run = service.runNow("default").rows().get(0).run();

    assertThat(run.succeeded()).isTrue();
    assertThat(run.offsite().reason()).contains("create the bucket first");
    OffsiteCopies copies = service.offsite().orElseThrow();
    copies.runSelfTest();
    assertThat(copies.notReady()).singleElement().asString().contains("create the bucket first");
  }

  @Test
  void aHealthyTargetPassesTheSelfTest() {
    OffsiteCopies copies = service(offsite(BUCKET, S3ProxyServer.SECRET_KEY)).offsite().get();
    assertThat(copies.statusLine()).contains("self-test running");
    assertThat(copies.runSelfTest().ok()).isTrue();
    assertThat(copies.notReady()).isEmpty();
    assertThat(copies.statusLine()).startsWith("✓ off-site").contains("ready");
  }

  @Test
  void pushingAgainFindsTheVerifiedObjectAndUploadsNothing() {
    NightlyService service = service(offsite(BUCKET, S3ProxyServer.SECRET_KEY));
    ManagerRun run = service.runNow("default").rows().get(0).run();
    int puts = faults.puts.get();

    // what a step resumed after a crash does: the same push again
    OffsiteState again = service.offsite().orElseThrow().push("default", run.snapshotId());

    assertThat(again.verified()).isTrue();
    assertThat(faults.puts.get()).as("no second upload").isEqualTo(puts);
  }

  @Test
  void pushingAgainReplacesADamagedObject() throws Exception {
    NightlyService service = service(offsite(BUCKET, S3ProxyServer.SECRET_KEY));
    ManagerRun run = service.runNow("default").rows().get(0).run();
    Path object = s3.blobFile(BUCKET, objectKey(run.snapshotId()));
    byte[] b = Files.readAllBytes(object);
    b[100] ^= 1;
    Files.write(object, b);
    int puts = faults.puts.get();

    OffsiteState again = service.offsite().orElseThrow().push("default", run.snapshotId());

    assertThat(again.verified()).isTrue();
    assertThat(faults.puts.get()).isEqualTo(puts + 1);
    assertThat(sha256(object)).isEqualTo(run.sha256());
  }

  @Test
  void retentionDeletesTheOffSiteCopiesItDrops() {
    NightlyService service =
        service(offsite(BUCKET, S3ProxyServer.SECRET_KEY), new RetentionPolicy(1, 0, 0, 0));
    String first = service.runNow("default").rows().get(0).run().snapshotId();
    clock.advance(Duration.ofDays(1));

    ManagerRun second = service.runNow("default").rows().get(0).run();

    assertThat(second.retentionDeleted()).containsExactly(first + " (and off-site)");
    assertThat(Files.exists(s3.blobFile(BUCKET, objectKey(first)))).isFalse();
    assertThat(Files.exists(s3.blobFile(BUCKET, objectKey(second.snapshotId())))).isTrue();
    assertThat(catalog.list("default")).extracting(CatalogEntry::snapshotId).doesNotContain(first);
  }

  @Test
  void aRestoreSourceIsFetchedFromOffSiteThroughTheArchiveStore() throws Exception {
    NightlyService service = service(offsite(BUCKET, S3ProxyServer.SECRET_KEY));
    ManagerRun run = service.runNow("default").rows().get(0).run();
    InMemoryBackupCatalog otherCatalog = new InMemoryBackupCatalog();
    ArchiveStore elsewhere =
        new ArchiveStore(tmp.resolve("elsewhere"))
            .with(clock, new io.cfychatops.archive.ArchiveVerifier(), otherCatalog);

    ArchiveStore.Saved saved =
        service.offsite().orElseThrow().fetch(elsewhere, "default", run.snapshotId());

    assertThat(saved.archive().sha256()).isEqualTo(run.sha256());
    assertThat(saved.verification().ok()).isTrue();
    assertThat(sha256(saved.archive().archive())).isEqualTo(run.sha256());
    assertThat(otherCatalog.list("default").get(0).origin()).isEqualTo(CatalogEntry.Origin.OFFSITE);
  }

  @Test
  void aDamagedOffSiteObjectIsRefusedAndLeavesNothingInTheStore() throws Exception {
    NightlyService service = service(offsite(BUCKET, S3ProxyServer.SECRET_KEY));
    ManagerRun run = service.runNow("default").rows().get(0).run();
    Path object = s3.blobFile(BUCKET, objectKey(run.snapshotId()));
    byte[] b = Files.readAllBytes(object);
    b[b.length / 2] ^= 1;
    Files.write(object, b);
    ArchiveStore elsewhere = new ArchiveStore(tmp.resolve("elsewhere2"));
    OffsiteCopies copies = service.offsite().orElseThrow();

    assertThatThrownBy(() -> copies.fetch(elsewhere, "default", run.snapshotId()))
        .isInstanceOfSatisfying(
            OffsiteException.class,
            e -> assertThat(e.problem()).isEqualTo(OffsiteProblem.INTEGRITY));
    assertThat(elsewhere.list("default")).isEmpty();
    assertThatThrownBy(() -> copies.fetch(elsewhere, "default", "nightly-default-19990101-0200"))
        .isInstanceOfSatisfying(
            OffsiteException.class,
            e -> assertThat(e.problem()).isEqualTo(OffsiteProblem.NOT_FOUND));
  }

  @Test
  void aSnapshotWithNoVerifiedLocalCopyIsNotPushed() throws IOException {
    OffsiteCopies copies = service(offsite(BUCKET, S3ProxyServer.SECRET_KEY)).offsite().get();

    OffsiteState s = copies.push("default", "nightly-default-19990101-0200");

    assertThat(s.verified()).isFalse();
    assertThat(s.reason()).contains("no verified copy", "download it first");
  }

  @Test
  void retentionNeverDeletesALockedOffSiteCopyEarlyAndSaysWhy() {
    FakeLockingBucket bucket = new FakeLockingBucket(clock);
    BucketOffsiteStore locking =
        new BucketOffsiteStore(
            bucket,
            new BucketOffsiteStore.Settings(
                "cfy", new LockPolicy(LockMode.COMPLIANCE, 30), OffsiteConfig.MIN_PART_SIZE),
            clock);
    NightlyService service = service(locking, new RetentionPolicy(1, 0, 0, 0));
    java.time.Instant start = clock.instant();
    ManagerRun first = service.runNow("default").rows().get(0).run();
    assertThat(first.offsite().lockedUntil())
        .as("30 days after the push (longer than the plan's keep-last 1)")
        .isBetween(
            start.plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
            first.finishedAt().plus(Duration.ofDays(30)));
    clock.advance(Duration.ofDays(1));

    NightReport second = service.runNow("default");

    String key = objectKey(first.snapshotId());
    assertThat(bucket.dataVersions(key)).as("kept while locked").isEqualTo(1);
    assertThat(second.rows().get(0).run().retentionProblems())
        .singleElement()
        .asString()
        .startsWith("kept " + first.snapshotId() + " off-site: kept off-site: locked until ");
    assertThat(BackupReport.render(second).fallbackText())
        .contains("default: retention kept " + first.snapshotId() + " off-site");
    CatalogEntry kept =
        catalog.list("default").stream()
            .filter(c -> c.snapshotId().equals(first.snapshotId()))
            .findFirst()
            .orElseThrow();
    assertThat(kept.inStore()).isFalse();
    assertThat(kept.offsite().lockedUntil()).isNotNull();

    clock.advance(Duration.ofDays(31)); // past every lock
    service.runNow("default");

    assertThat(bucket.dataVersions(key)).as("deleted once the lock expired").isZero();
    assertThat(catalog.list("default"))
        .extracting(CatalogEntry::snapshotId)
        .doesNotContain(first.snapshotId());
  }
}
