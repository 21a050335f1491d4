package io.cfychatops.offsite.s3;

import io.cfychatops.offsite.Bucket.Head;
import io.cfychatops.offsite.Bucket.LockConfig;
import io.cfychatops.offsite.Bucket.Version;
import io.cfychatops.offsite.Bucket.Versioning;
import io.cfychatops.offsite.LockMode;
import io.cfychatops.offsite.Retention;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DefaultRetention;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockRetention;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/** Turns S3 SDK responses into the {@link io.cfychatops.offsite.Bucket} types. */
final class S3Conversions {
  private S3Conversions() {}

  static Head head(String key, GetObjectResponse r) {
    return new Head(
        key,
        r.contentLength() == null ? -1 : r.contentLength(),
        r.lastModified(),
        r.metadata(),
        r.versionId());
  }

  static Head head(String key, HeadObjectResponse r) {
    return new Head(
        key,
        r.contentLength() == null ? -1 : r.contentLength(),
        r.lastModified(),
        r.metadata(),
        r.versionId());
  }

  static Versioning versioning(BucketVersioningStatus s) {
    if (s == BucketVersioningStatus.ENABLED) {
      return Versioning.ENABLED;
    }
    return s == BucketVersioningStatus.SUSPENDED ? Versioning.SUSPENDED : Versioning.OFF;
  }

  /** Adds the versions and delete markers of exactly {@code key} on {@code page} to {@code out}. */
  static void addVersions(String key, ListObjectVersionsResponse page, List<Version> out) {
    for (ObjectVersion v : page.versions()) {
      if (v.key().equals(key)) {
        out.add(
            new Version(
                key, v.versionId(), false, Boolean.TRUE.equals(v.isLatest()), v.lastModified()));
      }
    }
    for (DeleteMarkerEntry m : page.deleteMarkers()) {
      if (m.key().equals(key)) {
        out.add(
            new Version(
                key, m.versionId(), true, Boolean.TRUE.equals(m.isLatest()), m.lastModified()));
      }
    }
  }

  static Optional<Retention> retention(ObjectLockRetention r) {
    if (r == null
        || r.mode() == null
        || r.retainUntilDate() == null
        || r.mode() == ObjectLockRetentionMode.UNKNOWN_TO_SDK_VERSION) {
      return Optional.empty();
    }
    return Optional.of(new Retention(LockMode.valueOf(r.mode().name()), r.retainUntilDate()));
  }

  static LockConfig lockConfig(ObjectLockConfiguration c) {
    // S3Proxy answers 200 with an empty configuration: only an explicit Enabled counts
    if (c == null || c.objectLockEnabled() != ObjectLockEnabled.ENABLED) {
      return LockConfig.DISABLED;
    }
    DefaultRetention d = c.rule() == null ? null : c.rule().defaultRetention();
    if (d == null
        || d.mode() == null
        || d.mode() == ObjectLockRetentionMode.UNKNOWN_TO_SDK_VERSION) {
      return new LockConfig(true, null, 0);
    }
    int days = d.days() != null ? d.days() : d.years() != null ? d.years() * 365 : 0;
    return new LockConfig(true, LockMode.valueOf(d.mode().name()), days);
  }
}
