package io.cfychatops.offsite;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Off-site copies of archives: one object per snapshot at {@code
 * <prefix>/<manager>/<snapshot>.zip}, carrying our SHA-256, size, manager version and created_at as
 * metadata.
 *
 * <p>Contracts every implementation keeps:
 *
 * <ul>
 *   <li>A push is verified by reading the object back and hashing it; ETags and multipart checksums
 *       are never taken as a whole-object hash.
 *   <li>An object that failed verification is never locked (the lock is set after the read-back).
 *   <li>A delete never removes a version whose retention has not expired, and on versioned buckets
 *       it deletes versions by id, so "deleted" means the storage is freed, not hidden by a marker.
 *   <li>Memory use does not depend on archive size.
 * </ul>
 *
 * <p>Every call is bounded by connect/read timeouts. Failures are {@link OffsiteException}s with an
 * {@link OffsiteProblem}; messages never contain secrets. Implementations are thread-safe. Manager
 * names and snapshot ids follow the snapshot id rule (a letter, then letters, digits, {@code .},
 * {@code _}, {@code -}); anything else is an {@link IllegalArgumentException}.
 */
public interface OffsiteStore extends AutoCloseable {

  /** The target in words ("bucket b at http://127.0.0.1:9000, prefix p"), no secrets. */
  String target();

  /** The object key of a snapshot: {@code <prefix>/<manager>/<snapshot>.zip}. */
  String key(String manager, String snapshotId);

  /** The lock policy pushed objects get, if {@code object_lock} is configured. */
  Optional<LockPolicy> lockPolicy();

  /**
   * Uploads {@code archive}, reads it back and compares size and SHA-256 with {@code facts}; when
   * that holds and a lock policy is configured, locks the object until {@code lockUntil} (or the
   * policy's default when null). A copy that fails verification is deleted again where possible.
   *
   * @param lockUntil retain-until date from the retention plan; must be in the future; non-null
   *     only when a lock policy is configured
   * @return the outcome once an object was written (see {@link PushResult#ok()})
   * @throws OffsiteException when nothing verifiable was written: bad credentials, no bucket, the
   *     local file missing or not {@code facts.size()} bytes long, transport failures, or a lock
   *     date without a lock policy
   */
  PushResult push(
      String manager, String snapshotId, Path archive, ArchiveFacts facts, Instant lockUntil);

  /**
   * {@link #push(String, String, Path, ArchiveFacts, Instant)} with the policy's default lock date.
   */
  default PushResult push(String manager, String snapshotId, Path archive, ArchiveFacts facts) {
    return push(manager, snapshotId, archive, facts, null);
  }

  /**
   * Streams the object into {@code out} (not closed) while hashing it, then checks size and SHA-256
   * against the object's metadata. On an exception the bytes written so far must be discarded (the
   * archive store's writer does so).
   *
   * @throws OffsiteException {@link OffsiteProblem#NOT_FOUND} when there is no such object, {@link
   *     OffsiteProblem#INTEGRITY} when the bytes do not match or the object has no SHA-256 of ours
   * @throws java.io.UncheckedIOException when writing to {@code out} fails
   */
  FetchResult fetch(String manager, String snapshotId, OutputStream out);

  /** The manager's archive objects, oldest key first (listing only: no metadata, no lock). */
  List<OffsiteObject> list(String manager);

  /** The object with our metadata and its current retention; empty when there is none. */
  Optional<OffsiteCopy> describe(String manager, String snapshotId);

  /**
   * Deletes every version of the snapshot's object whose retention has expired at {@code now}, and
   * keeps the others, saying until when and why.
   */
  DeleteResult delete(String manager, String snapshotId, Instant now);

  /**
   * Checks the target end to end: credentials and bucket (a listing), put, get and delete of a
   * small probe object, and the bucket's lock configuration when {@code object_lock} is configured.
   * Never throws for target problems: they are failed checks.
   */
  SelfTestResult selfTest();

  /** Releases the HTTP client. */
  @Override
  void close();
}
