package io.cfychatops.offsite;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * {@link BucketOffsiteStore#selfTest()}: lists the bucket, writes, reads back and deletes a probe
 * object under {@link BucketOffsiteStore#PROBE_FOLDER}, and checks Object Lock when configured.
 */
final class OffsiteSelfTest {
  private final Bucket bucket;
  private final BucketOffsiteStore.Settings settings;
  private final Clock clock;
  private final String target;
  private final Supplier<Bucket.Versioning> versioning;

  OffsiteSelfTest(
      Bucket bucket,
      BucketOffsiteStore.Settings settings,
      Clock clock,
      String target,
      Supplier<Bucket.Versioning> versioning) {
    this.bucket = bucket;
    this.settings = settings;
    this.clock = clock;
    this.target = target;
    this.versioning = versioning;
  }

  SelfTestResult run() {
    List<SelfTestResult.Check> checks = new ArrayList<>();
    try {
      bucket.checkAccess();
      checks.add(SelfTestResult.Check.ok("credentials and bucket", "listed " + bucket.describe()));
    } catch (OffsiteException e) {
      checks.add(SelfTestResult.Check.failed("credentials and bucket", e));
      for (String name : List.of("put", "get", "delete", "object lock")) {
        checks.add(SelfTestResult.Check.skipped(name, "skipped: the bucket is not reachable"));
      }
      return new SelfTestResult(target, checks);
    }
    probe(checks);
    checks.add(lockCheck());
    return new SelfTestResult(target, checks);
  }

  private void probe(List<SelfTestResult.Check> checks) {
    Instant now = clock.instant();
    String key =
        (settings.prefix().isEmpty() ? "" : settings.prefix() + "/")
            + BucketOffsiteStore.PROBE_FOLDER
            + "/probe-"
            + now.toEpochMilli()
            + "-"
            + Long.toHexString(ThreadLocalRandom.current().nextLong());
    byte[] payload =
        ("cfy-chatops off-site self-test " + now + "\n").getBytes(StandardCharsets.US_ASCII);
    String sha = HexFormat.of().formatHex(HashedRead.digest().digest(payload));
    Bucket.Stored stored;
    try {
      stored =
          bucket.put(
              key,
              () -> new ByteArrayInputStream(payload),
              payload.length,
              Map.of(BucketOffsiteStore.META_SHA256, sha));
      checks.add(
          SelfTestResult.Check.ok(
              "put", "wrote a " + payload.length + "-byte probe object " + key));
    } catch (OffsiteException e) {
      checks.add(SelfTestResult.Check.failed("put", e));
      checks.add(SelfTestResult.Check.skipped("get", "skipped: the probe could not be written"));
      checks.add(SelfTestResult.Check.skipped("delete", "skipped: the probe could not be written"));
      return;
    }
    try (Bucket.Download d = bucket.get(key, stored.versionId())) {
      HashedRead h = HashedRead.of(d, OutputStream.nullOutputStream());
      if (h.sha256().equals(sha) && h.size() == payload.length) {
        checks.add(SelfTestResult.Check.ok("get", "read the probe back, SHA-256 matches"));
      } else {
        checks.add(
            SelfTestResult.Check.failed(
                "get",
                OffsiteProblem.INTEGRITY,
                "the probe read back differs from what was written ("
                    + h.size()
                    + " bytes instead of "
                    + payload.length
                    + ")"));
      }
    } catch (OffsiteException e) {
      checks.add(SelfTestResult.Check.failed("get", e));
    }
    try {
      boolean byVersion = stored.versionId() != null && versioning.get().keepsVersions();
      bucket.delete(key, byVersion ? stored.versionId() : null);
      checks.add(
          SelfTestResult.Check.ok(
              "delete", byVersion ? "deleted the probe version" : "deleted the probe"));
    } catch (OffsiteException e) {
      checks.add(SelfTestResult.Check.failed("delete", e));
    }
  }

  private SelfTestResult.Check lockCheck() {
    LockPolicy lock = settings.lock();
    if (lock == null) {
      return SelfTestResult.Check.ok(
          "object lock", "not configured: off-site copies are not locked");
    }
    Bucket.LockConfig cfg;
    try {
      cfg = bucket.lockConfig();
    } catch (OffsiteException e) {
      if (e.problem() == OffsiteProblem.LOCK_NOT_ENABLED) {
        return SelfTestResult.Check.failed(
            "object lock",
            OffsiteProblem.LOCK_NOT_ENABLED,
            "object_lock is configured ("
                + lock
                + ") but "
                + bucket.describe()
                + " has Object Lock disabled");
      }
      return SelfTestResult.Check.failed("object lock", e);
    }
    if (!cfg.enabled()) {
      return SelfTestResult.Check.failed(
          "object lock",
          OffsiteProblem.LOCK_NOT_ENABLED,
          "object_lock is configured ("
              + lock
              + ") but "
              + bucket.describe()
              + " does not report Object Lock as enabled");
    }
    String dflt =
        cfg.defaultMode() == null
            ? "no bucket default retention"
            : "the bucket's default retention ("
                + cfg.defaultMode()
                + ", "
                + cfg.defaultDays()
                + " days) also applies to every new version";
    return SelfTestResult.Check.ok(
        "object lock", "enabled; copies are locked " + lock + " from each push; " + dflt);
  }
}
