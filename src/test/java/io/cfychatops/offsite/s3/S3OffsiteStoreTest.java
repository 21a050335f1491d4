package io.cfychatops.offsite.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.config.ConfigException;
import io.cfychatops.config.OffsiteConfig;
import io.cfychatops.config.Secret;
import io.cfychatops.offsite.ArchiveFacts;
import io.cfychatops.offsite.DeleteResult;
import io.cfychatops.offsite.FetchResult;
import io.cfychatops.offsite.LockMode;
import io.cfychatops.offsite.LockPolicy;
import io.cfychatops.offsite.OffsiteCopy;
import io.cfychatops.offsite.OffsiteException;
import io.cfychatops.offsite.OffsiteObject;
import io.cfychatops.offsite.OffsiteProblem;
import io.cfychatops.offsite.OffsiteStore;
import io.cfychatops.offsite.PushResult;
import io.cfychatops.offsite.SelfTestResult;
import io.cfychatops.testing.FaultyBlobStore;
import io.cfychatops.testing.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.jclouds.blobstore.domain.Blob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 adapter against a real S3 server (S3Proxy over a filesystem blob store, in-process on
 * loopback): push with read-back verification, single PUT and multipart, damage detected at push
 * and at fetch, credentials and bucket errors, self-test, list and delete. Object lock cannot be
 * exercised here (S3Proxy implements neither lock nor versioning): see {@code
 * BucketOffsiteStoreLockTest}.
 */
class S3OffsiteStoreTest {
  private static final String BUCKET = "cfy-offsite";
  private static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");
  private static final long MIB = 1024 * 1024;

  @TempDir Path tmp;
  private S3ProxyServer server;
  private FaultyBlobStore faults;
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final List<OffsiteStore> opened = new java.util.ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Path blobs = Files.createDirectories(tmp.resolve("blobs"));
    server = S3ProxyServer.start(blobs, store -> faults = new FaultyBlobStore(store));
    server.createBucket(BUCKET);
  }

  @AfterEach
  void stop() throws Exception {
    opened.forEach(OffsiteStore::close);
    server.close();
  }

  private OffsiteConfig config(
      String bucket, String access, String secret, LockPolicy lock, long partSize) {
    return new OffsiteConfig(
        server.endpoint(),
        "us-east-1",
        bucket,
        "backups/cfy",
        true,
        Secret.of(access),
        Secret.of(secret),
        lock,
        OffsiteConfig.Checksums.WHEN_REQUIRED,
        partSize,
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        null);
  }

  private OffsiteStore store(OffsiteConfig cfg) {
    OffsiteStore s = S3Offsite.open(cfg, clock);
    opened.add(s);
    return s;
  }

  private OffsiteStore store() {
    return store(config(BUCKET, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, null, 5 * MIB));
  }

  private Path archive(String name, long size, long seed) throws IOException {
    Path f = tmp.resolve(name);
    Random r = new Random(seed);
    byte[] buf = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(f)) {
      for (long left = size; left > 0; left -= buf.length) {
        r.nextBytes(buf);
        out.write(buf, 0, (int) Math.min(buf.length, left));
      }
    }
    return f;
  }

  private static String sha256(InputStream in) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[64 * 1024];
    for (int n; (n = in.read(buf)) > 0; ) {
      md.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static String sha256(Path f) throws Exception {
    try (InputStream in = Files.newInputStream(f)) {
      return sha256(in);
    }
  }

  private static ArchiveFacts facts(Path f) throws Exception {
    return new ArchiveFacts(
        sha256(f), Files.size(f), "7.0.0", Instant.parse("2026-12-02T01:58:00Z"));
  }

  @Test
  void smallArchiveGoesUpInOnePutAndIsVerifiedByReadingItBack() throws Exception {
    Path zip = archive("a.zip", 300_000, 1);
    ArchiveFacts facts = facts(zip);
    PushResult r = store().push("prod", "nightly-prod-20261202-0200", zip, facts);

    assertThat(r.ok()).as(r.summary()).isTrue();
    assertThat(r.verified()).isTrue();
    assertThat(r.key()).isEqualTo("backups/cfy/prod/nightly-prod-20261202-0200.zip");
    assertThat(r.size()).isEqualTo(300_000);
    assertThat(r.sha256()).isEqualTo(facts.sha256());
    assertThat(r.lockedUntil()).isNull();
    assertThat(faults.puts.get()).isEqualTo(1);
    assertThat(faults.multipartStarts.get()).isZero();

    // the object in the bucket, read past our code: same bytes, and our facts in its metadata
    Blob blob = server.blobStore().getBlob(BUCKET, r.key());
    try (InputStream in = blob.getPayload().openStream()) {
      assertThat(sha256(in)).isEqualTo(sha256(zip));
    }
    assertThat(blob.getMetadata().getUserMetadata())
        .containsEntry("sha256", facts.sha256())
        .containsEntry("size", "300000")
        .containsEntry("manager-version", "7.0.0")
        .containsEntry("created-at", "2026-12-02T01:58:00Z")
        .containsEntry("manager", "prod")
        .containsEntry("snapshot-id", "nightly-prod-20261202-0200");
  }

  @Test
  void largeArchiveGoesUpInPartsReadFromTheFile() throws Exception {
    Path zip = archive("big.zip", 12 * MIB + 12_345, 2);
    ArchiveFacts facts = facts(zip);
    PushResult r = store().push("prod", "nightly-prod-20261202-0200", zip, facts);

    assertThat(r.ok()).as(r.summary()).isTrue();
    assertThat(faults.multipartStarts.get()).isEqualTo(1);
    assertThat(faults.parts.get()).as("5 MiB parts: 5 + 5 + 2 MiB").isEqualTo(3);
    assertThat(faults.completes.get()).isEqualTo(1);
    try (InputStream in = Files.newInputStream(server.blobFile(BUCKET, r.key()))) {
      assertThat(sha256(in)).isEqualTo(facts.sha256());
    }
    assertThat(Files.size(server.blobFile(BUCKET, r.key()))).isEqualTo(12 * MIB + 12_345);
  }

  @Test
  void aFailedPartAbortsTheMultipartUploadAndLeavesNoObject() throws Exception {
    faults.failPart = 2;
    Path zip = archive("big.zip", 11 * MIB, 3);
    OffsiteStore store = store();
    assertThatThrownBy(() -> store.push("prod", "nightly-prod-20261202-0200", zip, facts(zip)))
        .isInstanceOf(OffsiteException.class)
        .hasMessageContaining(
            "uploading part 2 of backups/cfy/prod/nightly-prod-20261202-0200.zip");
    assertThat(faults.aborts.get()).isEqualTo(1);
    assertThat(faults.completes.get()).isZero();
    assertThat(store.list("prod")).isEmpty();
    assertThat(server.blobStore().listMultipartUploads(BUCKET)).isEmpty();
  }

  @Test
  void aStoreThatDamagesWhatItStoresIsCaughtAtPushAndTheBadCopyDeleted() throws Exception {
    faults.corrupt = true;
    Path zip = archive("a.zip", 200_000, 4);
    ArchiveFacts facts = facts(zip);
    OffsiteStore store = store();
    PushResult r = store.push("prod", "nightly-prod-20261202-0200", zip, facts);

    assertThat(r.verified()).isFalse();
    assertThat(r.ok()).isFalse();
    assertThat(r.size()).isEqualTo(200_000);
    assertThat(r.sha256()).isNotEqualTo(facts.sha256());
    assertThat(r.reason())
        .startsWith("read-back differs: 200000 bytes, SHA-256 " + r.sha256().substring(0, 12))
        .contains("where ours is 200000 bytes, SHA-256 " + facts.shaPrefix())
        .endsWith("the bad copy was deleted");
    assertThat(r.summary()).startsWith("✗ off-site: read-back differs");
    assertThat(store.list("prod")).isEmpty();
  }

  @Test
  void damageInAMultipartObjectIsCaughtToo() throws Exception {
    faults.corrupt = true;
    Path zip = archive("big.zip", 11 * MIB, 5);
    PushResult r = store().push("prod", "nightly-prod-20261202-0200", zip, facts(zip));
    assertThat(r.verified()).isFalse();
    assertThat(r.reason()).startsWith("read-back differs");
    assertThat(faults.parts.get()).isEqualTo(3);
  }

  @Test
  void fetchStreamsTheObjectAndChecksItAgainstItsMetadata() throws Exception {
    Path zip = archive("a.zip", 1_000_000, 6);
    OffsiteStore store = store();
    store.push("prod", "nightly-prod-20261202-0200", zip, facts(zip));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FetchResult f = store.fetch("prod", "nightly-prod-20261202-0200", out);
    assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(zip));
    assertThat(f.facts()).isEqualTo(facts(zip));
    assertThat(f.key()).isEqualTo("backups/cfy/prod/nightly-prod-20261202-0200.zip");
  }

  @Test
  void anObjectDamagedInTheBucketIsRefusedOnFetch() throws Exception {
    Path zip = archive("a.zip", 1_000_000, 7);
    ArchiveFacts facts = facts(zip);
    OffsiteStore store = store();
    PushResult r = store.push("prod", "nightly-prod-20261202-0200", zip, facts);
    assertThat(r.ok()).isTrue();

    // bit rot on the storage side, after the verified push
    try (FileChannel ch =
        FileChannel.open(
            server.blobFile(BUCKET, r.key()), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
      ch.read(one, 500_000);
      one.flip();
      byte b = one.get();
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (b ^ 0x80)}), 500_000);
    }
    assertThatThrownBy(
            () ->
                store.fetch("prod", "nightly-prod-20261202-0200", OutputStream.nullOutputStream()))
        .isInstanceOfSatisfying(
            OffsiteException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(OffsiteProblem.INTEGRITY);
              assertThat(e.detail())
                  .isEqualTo(
                      "backups/cfy/prod/nightly-prod-20261202-0200.zip is damaged: read 1000000 bytes, SHA-256 "
                          + e.detail()
                              .substring(
                                  e.detail().indexOf("SHA-256 ") + 8,
                                  e.detail().indexOf("SHA-256 ") + 20)
                          + "…, but its metadata says 1000000 bytes, SHA-256 "
                          + facts.shaPrefix()
                          + "…");
              assertThat(e.detail()).doesNotContain("SHA-256 " + facts.shaPrefix() + "…, but");
            });
  }

  @Test
  void anObjectWithoutOurMetadataIsNeverUsedUnchecked() throws Exception {
    Blob foreign =
        server
            .blobStore()
            .blobBuilder("backups/cfy/prod/nightly-prod-20261201-0200.zip")
            .payload(new byte[] {1, 2, 3})
            .build();
    server.blobStore().putBlob(BUCKET, foreign);
    OffsiteStore store = store();
    assertThatThrownBy(
            () ->
                store.fetch("prod", "nightly-prod-20261201-0200", OutputStream.nullOutputStream()))
        .isInstanceOfSatisfying(
            OffsiteException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(OffsiteProblem.INTEGRITY);
              assertThat(e.getMessage()).contains("carries no SHA-256 and size of ours");
            });
    assertThatThrownBy(
            () ->
                store.fetch("prod", "nightly-prod-20261130-0200", OutputStream.nullOutputStream()))
        .isInstanceOfSatisfying(
            OffsiteException.class,
            e -> assertThat(e.problem()).isEqualTo(OffsiteProblem.NOT_FOUND));
  }

  @Test
  void wrongCredentialsAreNamedAsSuch() throws Exception {
    Path zip = archive("a.zip", 10_000, 8);
    OffsiteStore wrongSecret =
        store(config(BUCKET, S3ProxyServer.ACCESS_KEY, "not-the-secret", null, 5 * MIB));
    assertThatThrownBy(
            () -> wrongSecret.push("prod", "nightly-prod-20261202-0200", zip, facts(zip)))
        .isInstanceOfSatisfying(
            OffsiteException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(OffsiteProblem.BAD_CREDENTIALS);
              assertThat(e.getMessage())
                  .contains("the secret key does not match the access key")
                  .contains("SignatureDoesNotMatch")
                  .doesNotContain("not-the-secret");
            });
    OffsiteStore unknownKey =
        store(config(BUCKET, "AKIDUNKNOWN", S3ProxyServer.SECRET_KEY, null, 5 * MIB));
    SelfTestResult st = unknownKey.selfTest();
    assertThat(st.ok()).isFalse();
    SelfTestResult.Check first = st.checks().get(0);
    assertThat(first.name()).isEqualTo("credentials and bucket");
    assertThat(first.problem()).isEqualTo(OffsiteProblem.BAD_CREDENTIALS);
    assertThat(first.detail())
        .contains("the access key is not known to bucket cfy-offsite at " + server.endpoint());
    assertThat(st.checks())
        .extracting(SelfTestResult.Check::status)
        .containsExactly(
            SelfTestResult.Status.FAILED,
            SelfTestResult.Status.SKIPPED,
            SelfTestResult.Status.SKIPPED,
            SelfTestResult.Status.SKIPPED,
            SelfTestResult.Status.SKIPPED);
    assertThat(faults.puts.get()).isZero();
  }

  @Test
  void aMissingBucketIsNamedBeforeAnyBodyIsSent() throws Exception {
    Path zip = archive("big.zip", 6 * MIB, 9);
    OffsiteStore store =
        store(
            config(
                "no-such-bucket",
                S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY,
                null,
                16 * MIB));
    assertThatThrownBy(() -> store.push("prod", "nightly-prod-20261202-0200", zip, facts(zip)))
        .isInstanceOfSatisfying(
            OffsiteException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(OffsiteProblem.NO_SUCH_BUCKET);
              assertThat(e.getMessage())
                  .contains("bucket no-such-bucket at " + server.endpoint() + " does not exist")
                  .contains("create the bucket first");
            });
    SelfTestResult st = store.selfTest();
    assertThat(st.firstFailure().orElseThrow().problem()).isEqualTo(OffsiteProblem.NO_SUCH_BUCKET);
    assertThat(st.describe())
        .startsWith(
            "bucket no-such-bucket at " + server.endpoint() + ", prefix backups/cfy: NOT ready");
  }

  @Test
  void anUnreachableEndpointIsNamed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    OffsiteConfig cfg =
        new OffsiteConfig(
            URI.create("http://127.0.0.1:" + port),
            "us-east-1",
            BUCKET,
            "p",
            true,
            Secret.of("a"),
            Secret.of("b"),
            null,
            OffsiteConfig.Checksums.WHEN_REQUIRED,
            5 * MIB,
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            null);
    SelfTestResult st = store(cfg).selfTest();
    assertThat(st.checks().get(0).problem()).isEqualTo(OffsiteProblem.UNREACHABLE);
    assertThat(st.checks().get(0).detail())
        .contains("cannot connect to bucket cfy-offsite at http://127.0.0.1:" + port);
  }

  @Test
  void selfTestPutsGetsAndDeletesAProbeAndLeavesNothingBehind() throws Exception {
    SelfTestResult st = store().selfTest();
    assertThat(st.ok()).as(st.describe()).isTrue();
    assertThat(st.checks())
        .extracting(SelfTestResult.Check::name)
        .containsExactly("credentials and bucket", "put", "get", "delete", "object lock");
    assertThat(st.checks().get(4).detail())
        .isEqualTo("not configured: off-site copies are not locked");
    assertThat(
            server
                .blobStore()
                .list(
                    BUCKET, org.jclouds.blobstore.options.ListContainerOptions.Builder.recursive()))
        .isEmpty();
  }

  @Test
  void lockConfiguredAgainstAStoreWithoutObjectLockFailsLoudlyNeverSilently() throws Exception {
    OffsiteStore store =
        store(
            config(
                BUCKET,
                S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY,
                new LockPolicy(LockMode.COMPLIANCE, 30),
                5 * MIB));
    SelfTestResult st = store.selfTest();
    assertThat(st.ok()).isFalse();
    SelfTestResult.Check lock = st.firstFailure().orElseThrow();
    assertThat(lock.name()).isEqualTo("object lock");
    assertThat(lock.problem()).isEqualTo(OffsiteProblem.LOCK_NOT_ENABLED);
    assertThat(lock.detail())
        .contains("object_lock is configured (COMPLIANCE, 30 days) but bucket cfy-offsite at")
        .contains("mc mb --with-lock");

    Path zip = archive("a.zip", 50_000, 10);
    PushResult r = store.push("prod", "nightly-prod-20261202-0200", zip, facts(zip));
    assertThat(r.verified()).isTrue();
    assertThat(r.ok()).isFalse();
    assertThat(r.lockedUntil()).isNull();
    assertThat(r.reason())
        .startsWith(
            "verified, but not locked: locking backups/cfy/prod/nightly-prod-20261202-0200.zip until 2027-01-01T02:00:00Z")
        .contains("not implemented by this store");
  }

  @Test
  void listShowsOneManagersArchivesAndDeleteFreesThem() throws Exception {
    OffsiteStore store = store();
    for (String id : List.of("nightly-prod-20261201-0200", "nightly-prod-20261202-0200")) {
      Path zip = archive(id + ".zip", 20_000, id.hashCode());
      assertThat(store.push("prod", id, zip, facts(zip)).ok()).isTrue();
    }
    Path other = archive("o.zip", 1000, 11);
    store.push("staging", "nightly-staging-20261202-0200", other, facts(other));
    server
        .blobStore()
        .putBlob(
            BUCKET,
            server.blobStore().blobBuilder("backups/cfy/prod/notes.txt").payload("x").build());

    List<OffsiteObject> prod = store.list("prod");
    assertThat(prod)
        .extracting(OffsiteObject::snapshotId)
        .containsExactly("nightly-prod-20261201-0200", "nightly-prod-20261202-0200");
    assertThat(prod).allSatisfy(o -> assertThat(o.size()).isEqualTo(20_000));

    OffsiteCopy copy = store.describe("prod", "nightly-prod-20261202-0200").orElseThrow();
    assertThat(copy.facts().size()).isEqualTo(20_000);
    assertThat(copy.retention()).as("S3Proxy: no object lock").isNull();

    DeleteResult d = store.delete("prod", "nightly-prod-20261201-0200", NOW);
    assertThat(d.outcome()).isEqualTo(DeleteResult.Outcome.DELETED);
    assertThat(d.versionsDeleted()).isEqualTo(1);
    assertThat(Files.exists(server.blobFile(BUCKET, d.key()))).isFalse();
    assertThat(store.delete("prod", "nightly-prod-20261201-0200", NOW).outcome())
        .isEqualTo(DeleteResult.Outcome.NOT_FOUND);
    assertThat(store.list("prod"))
        .extracting(OffsiteObject::snapshotId)
        .containsExactly("nightly-prod-20261202-0200");
    assertThat(store.describe("prod", "nightly-prod-20261201-0200")).isEmpty();
  }

  @Test
  void localProblemsAndBadArgumentsUploadNothing() throws Exception {
    Path zip = archive("a.zip", 10_000, 12);
    ArchiveFacts wrongSize = new ArchiveFacts(sha256(zip), 9_999, null, NOW);
    OffsiteStore store = store();
    assertThatThrownBy(() -> store.push("prod", "nightly-1", zip, wrongSize))
        .isInstanceOfSatisfying(
            OffsiteException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(OffsiteProblem.LOCAL_FILE);
              assertThat(e.getMessage()).contains("is 10000 bytes but its record says 9999");
            });
    assertThatThrownBy(() -> store.push("prod", "nightly-1", tmp.resolve("missing.zip"), wrongSize))
        .isInstanceOfSatisfying(
            OffsiteException.class,
            e -> assertThat(e.problem()).isEqualTo(OffsiteProblem.LOCAL_FILE));
    assertThatThrownBy(
            () -> store.push("prod", "nightly-1", zip, facts(zip), NOW.plusSeconds(86_400)))
        .isInstanceOfSatisfying(
            OffsiteException.class,
            e -> assertThat(e.problem()).isEqualTo(OffsiteProblem.LOCK_NOT_CONFIGURED));
    assertThatThrownBy(() -> store.push("../etc", "nightly-1", zip, facts(zip)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.push("prod", "a/b", zip, facts(zip)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(faults.puts.get()).isZero();
  }

  @Test
  void anInvalidConfigIsRefusedWithEveryProblem() {
    OffsiteConfig bad =
        new OffsiteConfig(
            URI.create("http://127.0.0.1:1"),
            "",
            "X",
            "/p/",
            true,
            Secret.of("a"),
            null,
            null,
            null,
            1,
            Duration.ZERO,
            Duration.ofSeconds(1),
            null);
    assertThatThrownBy(() -> S3Offsite.open(bad, clock))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(7)
                    .allSatisfy(p -> assertThat(p).startsWith("backups.offsite.")));
  }
}
