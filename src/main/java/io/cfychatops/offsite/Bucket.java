package io.cfychatops.offsite;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * SPI: the S3 calls {@link BucketOffsiteStore} needs, in our own types, for one bucket. An adapter
 * ({@code offsite.s3.S3Bucket}) maps them onto a client library and maps every failure to an {@link
 * OffsiteException} with the right {@link OffsiteProblem} (missing key → {@link
 * OffsiteProblem#NOT_FOUND}). It applies timeouts to every call and retries only calls that are
 * idempotent ({@link #startMultipart} and {@link #completeMultipart} are not retried).
 *
 * <p>User metadata keys are lower-case ASCII without the {@code x-amz-meta-} prefix.
 */
public interface Bucket extends AutoCloseable {

  /** Opens a fresh stream over the same bytes on every call (a retry re-reads from the start). */
  @FunctionalInterface
  interface Body {
    InputStream open() throws IOException;
  }

  /** A stored object version; {@code versionId} is null on buckets without versioning. */
  record Stored(String versionId) {}

  /**
   * One uploaded part; {@code checksum} is whatever the adapter must echo on completion (may be
   * null).
   */
  record Part(int number, String etag, String checksum) {}

  /** Key, size and time from a listing. */
  record Summary(String key, long size, Instant lastModified) {}

  /** Object head: size, user metadata, current version id (null when unversioned). */
  record Head(
      String key, long size, Instant lastModified, Map<String, String> metadata, String versionId) {
    public Head {
      metadata = Map.copyOf(metadata);
    }
  }

  /** One entry of a key's version history; a delete marker has no data. */
  record Version(
      String key, String versionId, boolean deleteMarker, boolean latest, Instant lastModified) {
    public Version {
      Objects.requireNonNull(versionId, "versionId");
    }
  }

  /**
   * A streamed object body with its head; {@link #abort()} drops the connection instead of draining
   * it.
   */
  interface Download extends AutoCloseable {
    Head head();

    InputStream body();

    void abort();

    @Override
    void close();
  }

  /** Whether the bucket keeps old versions. */
  enum Versioning {
    ENABLED,
    SUSPENDED,
    /** Never enabled. */
    OFF,
    /** The store does not implement versioning (S3Proxy). */
    UNSUPPORTED;

    /** True when a delete without a version id would only add a delete marker. */
    public boolean keepsVersions() {
      return this == ENABLED || this == SUSPENDED;
    }
  }

  /**
   * The bucket's Object Lock configuration: {@code enabled}, and the bucket default retention
   * applied to new versions ({@code defaultMode} and {@code defaultDays}, null/0 when there is
   * none).
   */
  record LockConfig(boolean enabled, LockMode defaultMode, int defaultDays) {
    public static final LockConfig DISABLED = new LockConfig(false, null, 0);
  }

  /** The bucket and endpoint in words, for messages; never a secret. */
  String describe();

  /**
   * Proves credentials and bucket with the cheapest authenticated call that has an error body (a
   * 1-key listing).
   */
  void checkAccess();

  Stored put(String key, Body body, long length, Map<String, String> metadata);

  /** Starts a multipart upload; returns its upload id. */
  String startMultipart(String key, Map<String, String> metadata);

  Part uploadPart(String key, String uploadId, int number, Body body, long length);

  Stored completeMultipart(String key, String uploadId, List<Part> parts);

  /** Best effort; never throws for an upload that is already gone. */
  void abortMultipart(String key, String uploadId);

  /** Streams one version ({@code versionId} null: the current one). */
  Download get(String key, String versionId);

  Optional<Head> head(String key);

  /** Every object under {@code prefix}, in key order (all pages). */
  List<Summary> list(String prefix);

  Versioning versioning();

  /** Every version and delete marker of exactly {@code key}. */
  List<Version> versions(String key);

  /** The retention of one version; empty when it has none. */
  Optional<Retention> retention(String key, String versionId);

  void putRetention(String key, String versionId, Retention retention);

  /**
   * Deletes one version ({@code versionId} null: a plain delete, which only adds a marker on
   * versioned buckets).
   */
  void delete(String key, String versionId);

  LockConfig lockConfig();

  @Override
  void close();
}
