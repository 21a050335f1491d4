package io.cfychatops.backup;

import io.cfychatops.archive.StoredArchive;
import io.cfychatops.text.Truncate;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A backup as the catalog knows it: a snapshot on a manager and, once downloaded, its stored copy.
 * {@code (manager, snapshotId, version)} is the key: {@code version} 1 is the first copy of a
 * snapshot, a later copy of the same id with other bytes is version 2 and so on (a verified copy is
 * never replaced). {@code verified} means the stored copy passed {@link
 * io.cfychatops.archive.ArchiveVerifier}. {@code onManager} and {@code inStore} say where a copy
 * exists as far as the writer knows; {@code deletedAt} is set when retention removed both, and the
 * entry stays for the record.
 *
 * @param sizeBytes the stored copy's size (0 when there is none)
 * @param archivePath the stored copy's file, null when it is only on the manager
 * @param offsite its off-site copy; null when it was never pushed
 */
public record CatalogEntry(
    String manager,
    String snapshotId,
    int version,
    Origin origin,
    Instant createdAt,
    long sizeBytes,
    @Nullable String sha256,
    boolean verified,
    @Nullable Instant verifiedAt,
    @Nullable String archivePath,
    @Nullable String managerVersion,
    boolean onManager,
    boolean inStore,
    @Nullable Instant deletedAt,
    @Nullable OffsiteState offsite) {

  /** Who made the copy. */
  public enum Origin {
    /** A nightly (scheduled, catch-up or manual) backup run. */
    NIGHTLY,
    /** {@code /cfy snapshots download}. */
    CHAT_DOWNLOAD,
    /** Fetched from the off-site store ({@code /cfy snapshots upload … --from-offsite}). */
    OFFSITE
  }

  public CatalogEntry {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(snapshotId, "snapshotId");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(createdAt, "createdAt");
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, was " + version);
    }
  }

  /** An entry with no off-site state (the shape before off-site copies). */
  public CatalogEntry(
      String manager,
      String snapshotId,
      int version,
      Origin origin,
      Instant createdAt,
      long sizeBytes,
      @Nullable String sha256,
      boolean verified,
      @Nullable Instant verifiedAt,
      @Nullable String archivePath,
      @Nullable String managerVersion,
      boolean onManager,
      boolean inStore,
      @Nullable Instant deletedAt) {
    this(
        manager,
        snapshotId,
        version,
        origin,
        createdAt,
        sizeBytes,
        sha256,
        verified,
        verifiedAt,
        archivePath,
        managerVersion,
        onManager,
        inStore,
        deletedAt,
        null);
  }

  /**
   * The first copy of a nightly snapshot, just downloaded from its manager and verified: on the
   * manager and in the store.
   */
  public static CatalogEntry verified(StoredArchive a, Instant verifiedAt) {
    return verified(a, Origin.NIGHTLY, verifiedAt);
  }

  /** Like {@link #verified} for a copy that failed verification. */
  public static CatalogEntry unverified(StoredArchive a) {
    return unverified(a, Origin.NIGHTLY);
  }

  /** The stored copy {@code a} (of its version), made by {@code origin}, verified. */
  public static CatalogEntry verified(StoredArchive a, Origin origin, Instant verifiedAt) {
    return of(a, origin, true, verifiedAt);
  }

  /** The stored copy {@code a} (of its version), made by {@code origin}, not verified. */
  public static CatalogEntry unverified(StoredArchive a, Origin origin) {
    return of(a, origin, false, null);
  }

  private static CatalogEntry of(
      StoredArchive a, Origin origin, boolean verified, @Nullable Instant verifiedAt) {
    return new CatalogEntry(
        a.manager(),
        a.snapshotId(),
        a.version(),
        origin,
        a.createdAt(),
        a.sizeBytes(),
        a.sha256(),
        verified,
        verifiedAt,
        a.archive().toString(),
        a.managerVersion(),
        true,
        true,
        null);
  }

  /** This entry marked deleted at {@code at}: no copy left anywhere. */
  public CatalogEntry deleted(Instant at) {
    return new CatalogEntry(
        manager,
        snapshotId,
        version,
        origin,
        createdAt,
        sizeBytes,
        sha256,
        verified,
        verifiedAt,
        archivePath,
        managerVersion,
        false,
        false,
        at,
        offsite);
  }

  /** This entry with its off-site copy as {@code state} says. */
  public CatalogEntry withOffsite(@Nullable OffsiteState state) {
    return new CatalogEntry(
        manager,
        snapshotId,
        version,
        origin,
        createdAt,
        sizeBytes,
        sha256,
        verified,
        verifiedAt,
        archivePath,
        managerVersion,
        onManager,
        inStore,
        deletedAt,
        state);
  }

  /**
   * This entry with no copy left on the manager or in the store, but still catalogued (not deleted)
   * because its off-site copy is kept under object lock: the next retention pass tries again.
   */
  public CatalogEntry onlyOffsite(OffsiteState state) {
    return new CatalogEntry(
        manager,
        snapshotId,
        version,
        origin,
        createdAt,
        sizeBytes,
        sha256,
        verified,
        verifiedAt,
        archivePath,
        managerVersion,
        false,
        false,
        null,
        state);
  }

  public String shaPrefix() {
    return Truncate.shaPrefix(sha256);
  }
}
