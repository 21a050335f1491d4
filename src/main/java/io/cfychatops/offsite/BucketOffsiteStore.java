package io.cfychatops.offsite;

import io.cfychatops.cloudify.ManagerName;
import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.text.Truncate;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The off-site rules over any {@link Bucket}: key layout, metadata, single PUT or multipart upload
 * (parts read straight from the file, so memory is constant), verification by reading back, object
 * lock after verification, version-aware deletes that never free a locked version early, and the
 * self-test.
 *
 * <p>Metadata on every object: {@code sha256}, {@code size}, {@code created-at} (ISO-8601), {@code
 * manager-version} (when known), {@code manager} and {@code snapshot-id}.
 *
 * <p>Thread-safe when the bucket is; pushing the same snapshot concurrently is not supported.
 */
public final class BucketOffsiteStore implements OffsiteStore {
  private static final Logger log = LoggerFactory.getLogger(BucketOffsiteStore.class);

  /** S3 allows at most 10,000 parts; the part size grows for archives that would need more. */
  static final int MAX_PARTS = 10_000;

  static final String META_SHA256 = "sha256";
  static final String META_SIZE = "size";
  static final String META_CREATED_AT = "created-at";
  static final String META_MANAGER_VERSION = "manager-version";
  static final String META_MANAGER = "manager";
  static final String META_SNAPSHOT = "snapshot-id";
  static final String PROBE_FOLDER = ".cfy-chatops-selftest";

  /**
   * How this store uses its bucket.
   *
   * @param prefix key prefix without leading or trailing {@code /} (may be empty)
   * @param lock the lock policy, or null for no object lock
   * @param partSize archives larger than this go up in parts of this size (S3: 5 MiB to 5 GiB)
   */
  public record Settings(String prefix, LockPolicy lock, long partSize) {
    public Settings {
      Objects.requireNonNull(prefix, "prefix");
      if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
        throw new IllegalArgumentException(
            "prefix must not start or end with `/` nor contain `//`, got `" + prefix + "`");
      }
      if (partSize < 1) {
        throw new IllegalArgumentException("partSize must be positive, got " + partSize);
      }
    }
  }

  private final Bucket bucket;
  private final Settings settings;
  private final Clock clock;
  private volatile Bucket.Versioning versioning;

  public BucketOffsiteStore(Bucket bucket, Settings settings, Clock clock) {
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String target() {
    return bucket.describe() + (settings.prefix().isEmpty() ? "" : ", prefix " + settings.prefix());
  }

  @Override
  public Optional<LockPolicy> lockPolicy() {
    return Optional.ofNullable(settings.lock());
  }

  /** {@code <prefix>/<manager>/<snapshot>.zip}. */
  @Override
  public String key(String manager, String snapshotId) {
    return managerPrefix(manager) + SnapshotId.require(snapshotId) + ".zip";
  }

  private String managerPrefix(String manager) {
    String p = settings.prefix();
    return (p.isEmpty() ? "" : p + "/") + ManagerName.require(manager) + "/";
  }

  // --- push

  @Override
  public PushResult push(
      String manager, String snapshotId, Path archive, ArchiveFacts facts, Instant lockUntil) {
    String key = key(manager, snapshotId);
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(facts, "facts");
    Instant until = retainUntil(lockUntil, clock.instant());
    long size = localSize(archive, facts);
    bucket.checkAccess(); // a clear error for credentials or bucket before any body is sent

    long t0 = System.nanoTime();
    Map<String, String> metadata = metadata(manager, snapshotId, facts);
    Bucket.Stored stored =
        size <= settings.partSize()
            ? bucket.put(key, FileRegion.of(archive, 0, size), size, metadata)
            : multipart(key, archive, size, metadata);
    Duration upload = Duration.ofNanos(System.nanoTime() - t0);

    long t1 = System.nanoTime();
    ReadBack rb = readBack(key, stored.versionId(), facts);
    Duration verify = Duration.ofNanos(System.nanoTime() - t1);
    if (!rb.matches(facts)) {
      String reason = rb.mismatch(facts);
      if (rb.proven()) {
        reason += discard(key, stored.versionId());
      }
      log.warn("off-site copy {} not verified: {}", key, reason);
      return new PushResult(key, rb.size(), rb.sha256(), null, false, reason, upload, verify);
    }
    if (until == null) {
      return new PushResult(key, rb.size(), rb.sha256(), null, true, null, upload, verify);
    }
    try {
      bucket.putRetention(key, stored.versionId(), new Retention(settings.lock().mode(), until));
      return new PushResult(key, rb.size(), rb.sha256(), until, true, null, upload, verify);
    } catch (OffsiteException e) {
      log.warn("off-site copy {} verified but not locked: {}", key, e.getMessage());
      return new PushResult(
          key,
          rb.size(),
          rb.sha256(),
          null,
          true,
          "verified, but not locked: " + e.getMessage(),
          upload,
          verify);
    }
  }

  private Instant retainUntil(Instant asked, Instant now) {
    return PushPreparation.retainUntil(settings.lock(), asked, now);
  }

  private static long localSize(Path archive, ArchiveFacts facts) {
    return PushPreparation.localSize(archive, facts);
  }

  private static Map<String, String> metadata(
      String manager, String snapshotId, ArchiveFacts facts) {
    return PushPreparation.metadata(manager, snapshotId, facts);
  }

  /** Our facts from object metadata; null when the object carries none or they are malformed. */
  static ArchiveFacts factsOf(Map<String, String> metadata) {
    return PushPreparation.factsOf(metadata);
  }

  /**
   * Part size for {@code size}: the configured one, grown so that no more than {@link #MAX_PARTS}
   * are needed.
   */
  long partSizeFor(long size) {
    long min = (size + MAX_PARTS - 1) / MAX_PARTS;
    return Math.max(settings.partSize(), min);
  }

  private Bucket.Stored multipart(
      String key, Path archive, long size, Map<String, String> metadata) {
    long part = partSizeFor(size);
    String uploadId = bucket.startMultipart(key, metadata);
    try {
      List<Bucket.Part> parts = new ArrayList<>();
      int number = 1;
      for (long off = 0; off < size; off += part) {
        long len = Math.min(part, size - off);
        parts.add(
            bucket.uploadPart(key, uploadId, number++, FileRegion.of(archive, off, len), len));
      }
      return bucket.completeMultipart(key, uploadId, parts);
    } catch (RuntimeException e) {
      try {
        bucket.abortMultipart(key, uploadId);
      } catch (RuntimeException abort) {
        e.addSuppressed(abort);
      }
      throw e;
    }
  }

  private ReadBack readBack(String key, String versionId, ArchiveFacts facts) {
    try (Bucket.Download d = bucket.get(key, versionId)) {
      HashedRead h = HashedRead.of(d, OutputStream.nullOutputStream());
      return new ReadBack(h.size(), h.sha256(), d.head().metadata().get(META_SHA256), null);
    } catch (OffsiteException e) {
      return new ReadBack(-1, null, null, e.getMessage());
    }
  }

  private String discard(String key, String versionId) {
    try {
      bucket.delete(key, versionId);
      return "; the bad copy was deleted";
    } catch (OffsiteException e) {
      return "; the bad copy could not be deleted: " + e.getMessage();
    }
  }

  // --- fetch, list, describe

  @Override
  public FetchResult fetch(String manager, String snapshotId, OutputStream out) {
    String key = key(manager, snapshotId);
    Objects.requireNonNull(out, "out");
    try (Bucket.Download d = bucket.get(key, null)) {
      ArchiveFacts facts = factsOf(d.head().metadata());
      if (facts == null) {
        d.abort();
        throw new OffsiteException(
            OffsiteProblem.INTEGRITY,
            key
                + " carries no SHA-256 and size of ours in its metadata; refusing to use it unchecked");
      }
      HashedRead h = HashedRead.of(d, out);
      if (h.size() != facts.size() || !h.sha256().equals(facts.sha256())) {
        throw new OffsiteException(
            OffsiteProblem.INTEGRITY,
            key
                + " is damaged: read "
                + h.size()
                + " bytes, SHA-256 "
                + Truncate.shaPrefix(h.sha256())
                + "…, but its metadata says "
                + facts.size()
                + " bytes, SHA-256 "
                + facts.shaPrefix()
                + "…");
      }
      return new FetchResult(key, facts);
    }
  }

  @Override
  public List<OffsiteObject> list(String manager) {
    String base = managerPrefix(manager);
    List<OffsiteObject> out = new ArrayList<>();
    for (Bucket.Summary s : bucket.list(base)) {
      String rest = s.key().substring(base.length());
      if (!rest.endsWith(".zip")) {
        continue;
      }
      String id = rest.substring(0, rest.length() - 4);
      if (SnapshotId.isValid(id)) {
        out.add(new OffsiteObject(manager, id, s.key(), s.size(), s.lastModified()));
      }
    }
    return out;
  }

  @Override
  public Optional<OffsiteCopy> describe(String manager, String snapshotId) {
    String key = key(manager, snapshotId);
    Optional<Bucket.Head> head = bucket.head(key);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Bucket.Head h = head.get();
    Retention retention =
        h.versionId() != null && versioning().keepsVersions()
            ? bucket.retention(key, h.versionId()).orElse(null)
            : null;
    return Optional.of(
        new OffsiteCopy(
            new OffsiteObject(manager, snapshotId, key, h.size(), h.lastModified()),
            factsOf(h.metadata()),
            retention,
            h.versionId()));
  }

  // --- delete

  private Bucket.Versioning versioning() {
    Bucket.Versioning v = versioning;
    if (v == null) {
      v = bucket.versioning();
      versioning = v;
    }
    return v;
  }

  @Override
  public DeleteResult delete(String manager, String snapshotId, Instant now) {
    String key = key(manager, snapshotId);
    Objects.requireNonNull(now, "now");
    if (!versioning().keepsVersions()) {
      if (bucket.head(key).isEmpty()) {
        return new DeleteResult(key, DeleteResult.Outcome.NOT_FOUND, 0, null, "not off-site");
      }
      bucket.delete(key, null);
      return new DeleteResult(key, DeleteResult.Outcome.DELETED, 1, null, "deleted off-site");
    }
    List<Bucket.Version> versions = bucket.versions(key);
    if (versions.stream().noneMatch(v -> !v.deleteMarker())) {
      for (Bucket.Version marker : versions) {
        bucket.delete(key, marker.versionId()); // leftovers of a plain delete by someone else
      }
      return new DeleteResult(
          key, DeleteResult.Outcome.NOT_FOUND, versions.size(), null, "not off-site");
    }
    int deleted = 0;
    Retention latestKept = null;
    int kept = 0;
    for (Bucket.Version v : versions) {
      if (v.deleteMarker()) {
        continue;
      }
      // read the retention first: deleting a locked version must not even be attempted
      Optional<Retention> r = bucket.retention(key, v.versionId());
      if (r.isPresent() && r.get().activeAt(now)) {
        kept++;
        if (latestKept == null || r.get().until().isAfter(latestKept.until())) {
          latestKept = r.get();
        }
        continue;
      }
      try {
        bucket.delete(key, v.versionId());
      } catch (OffsiteException e) {
        throw new OffsiteException(
            e.problem(),
            "deleted "
                + deleted
                + " version(s) of "
                + key
                + ", then version "
                + v.versionId()
                + " was refused: "
                + e.detail(),
            e);
      }
      deleted++;
    }
    // markers hide kept versions from listings (and so from the next retention pass); remove them
    // all
    for (Bucket.Version v : versions) {
      if (v.deleteMarker()) {
        bucket.delete(key, v.versionId());
        deleted++;
      }
    }
    if (latestKept != null) {
      String reason =
          "kept off-site: "
              + latestKept
              + ", "
              + kept
              + " version(s) under retention"
              + (deleted > 0 ? "; " + deleted + " other version(s) deleted" : "");
      return new DeleteResult(
          key, DeleteResult.Outcome.LOCKED, deleted, latestKept.until(), reason);
    }
    return new DeleteResult(
        key,
        DeleteResult.Outcome.DELETED,
        deleted,
        null,
        "deleted off-site (" + deleted + (deleted == 1 ? " version)" : " versions)"));
  }

  // --- self-test

  @Override
  public SelfTestResult selfTest() {
    return new OffsiteSelfTest(bucket, settings, clock, target(), this::versioning).run();
  }

  @Override
  public void close() {
    bucket.close();
  }
}
