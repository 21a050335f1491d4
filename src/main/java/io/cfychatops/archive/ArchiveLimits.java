package io.cfychatops.archive;

/**
 * What reading one archive may cost. Every limit, when passed, refuses the archive with a reason
 * naming it ({@link ArchiveRefusedException}); nothing in the archive's own headers is trusted.
 *
 * <p>The zip-bomb caps ({@code maxInflatedBytes}, {@code maxRatio}, {@code ratioFloorBytes}, {@code
 * maxEntries}) have the values the archive verifier uses (branch {@code i10-edge}, {@code
 * backup.ArchiveVerifier.Limits}); they should become one record when the archive store moves here.
 *
 * @param maxInflatedBytes all inflated entries together
 * @param maxRatio inflated bytes per compressed byte, per entry and for the whole file (deflate
 *     cannot exceed about 1,032; real dumps stay far below 100)
 * @param ratioFloorBytes an entry may always inflate this much, whatever its compressed size
 * @param maxEntries entries in the central directory
 * @param maxCentralDirectoryBytes size of the central directory (held in memory while reading)
 * @param maxMetadataBytes {@code metadata.json}, inflated
 * @param maxJsonEntryBytes one dump file, inflated
 * @param maxStringChars one JSON string the reader must look at (ids, timestamps, event messages);
 *     strings it skips are never buffered
 * @param maxJsonDepth nesting of JSON arrays and objects
 * @param maxEntities distinct entities (the de-duplication keeps one 64-bit fingerprint each: about
 *     16 bytes per entity at this cap's worst)
 * @param maxTenants tenant directories
 * @param maxListedIds blueprint ids and deployment ids listed per tenant (the rest are counted)
 * @param maxSchedules execution schedules described per tenant (the rest are counted)
 */
public record ArchiveLimits(
    long maxInflatedBytes,
    int maxRatio,
    long ratioFloorBytes,
    int maxEntries,
    long maxCentralDirectoryBytes,
    long maxMetadataBytes,
    long maxJsonEntryBytes,
    int maxStringChars,
    int maxJsonDepth,
    long maxEntities,
    int maxTenants,
    int maxListedIds,
    int maxSchedules) {

  /**
   * 256 GiB inflated, ratio 200, floor 64 KiB, 500,000 entries, central directory 48 MiB, metadata
   * 1 MiB, 512 MiB per dump file, strings of 4 Mi chars, depth 200, 2,000,000 entities, 10,000
   * tenants, 1,000 ids and 1,000 schedules listed per tenant: a 64 MiB heap holds the worst case.
   */
  public static final ArchiveLimits DEFAULT =
      new ArchiveLimits(
          256L << 30,
          200,
          64L << 10,
          500_000,
          48L << 20,
          1L << 20,
          512L << 20,
          4 << 20,
          200,
          2_000_000,
          10_000,
          1_000,
          1_000);

  public ArchiveLimits {
    positive(maxInflatedBytes, "maxInflatedBytes");
    positive(maxRatio, "maxRatio");
    if (ratioFloorBytes < 0) {
      throw new IllegalArgumentException("ratioFloorBytes must be >= 0, got " + ratioFloorBytes);
    }
    positive(maxEntries, "maxEntries");
    positive(maxCentralDirectoryBytes, "maxCentralDirectoryBytes");
    positive(maxMetadataBytes, "maxMetadataBytes");
    positive(maxJsonEntryBytes, "maxJsonEntryBytes");
    positive(maxStringChars, "maxStringChars");
    positive(maxJsonDepth, "maxJsonDepth");
    positive(maxEntities, "maxEntities");
    positive(maxTenants, "maxTenants");
    if (maxListedIds < 0 || maxSchedules < 0) {
      throw new IllegalArgumentException(
          "maxListedIds and maxSchedules must be >= 0, got " + maxListedIds + ", " + maxSchedules);
    }
  }

  private static void positive(long v, String name) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be positive, got " + v);
    }
  }

  public ArchiveLimits withMaxInflatedBytes(long v) {
    return new ArchiveLimits(
        v,
        maxRatio,
        ratioFloorBytes,
        maxEntries,
        maxCentralDirectoryBytes,
        maxMetadataBytes,
        maxJsonEntryBytes,
        maxStringChars,
        maxJsonDepth,
        maxEntities,
        maxTenants,
        maxListedIds,
        maxSchedules);
  }

  public ArchiveLimits withMaxEntries(int v) {
    return new ArchiveLimits(
        maxInflatedBytes,
        maxRatio,
        ratioFloorBytes,
        v,
        maxCentralDirectoryBytes,
        maxMetadataBytes,
        maxJsonEntryBytes,
        maxStringChars,
        maxJsonDepth,
        maxEntities,
        maxTenants,
        maxListedIds,
        maxSchedules);
  }

  public ArchiveLimits withMaxJsonEntryBytes(long v) {
    return new ArchiveLimits(
        maxInflatedBytes,
        maxRatio,
        ratioFloorBytes,
        maxEntries,
        maxCentralDirectoryBytes,
        maxMetadataBytes,
        v,
        maxStringChars,
        maxJsonDepth,
        maxEntities,
        maxTenants,
        maxListedIds,
        maxSchedules);
  }

  public ArchiveLimits withMaxStringChars(int v) {
    return new ArchiveLimits(
        maxInflatedBytes,
        maxRatio,
        ratioFloorBytes,
        maxEntries,
        maxCentralDirectoryBytes,
        maxMetadataBytes,
        maxJsonEntryBytes,
        v,
        maxJsonDepth,
        maxEntities,
        maxTenants,
        maxListedIds,
        maxSchedules);
  }

  public ArchiveLimits withMaxEntities(long v) {
    return new ArchiveLimits(
        maxInflatedBytes,
        maxRatio,
        ratioFloorBytes,
        maxEntries,
        maxCentralDirectoryBytes,
        maxMetadataBytes,
        maxJsonEntryBytes,
        maxStringChars,
        maxJsonDepth,
        v,
        maxTenants,
        maxListedIds,
        maxSchedules);
  }

  public ArchiveLimits withMaxListedIds(int v) {
    return new ArchiveLimits(
        maxInflatedBytes,
        maxRatio,
        ratioFloorBytes,
        maxEntries,
        maxCentralDirectoryBytes,
        maxMetadataBytes,
        maxJsonEntryBytes,
        maxStringChars,
        maxJsonDepth,
        maxEntities,
        maxTenants,
        v,
        maxSchedules);
  }
}
