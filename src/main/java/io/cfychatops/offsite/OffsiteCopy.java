package io.cfychatops.offsite;

/**
 * One archive object described in full.
 *
 * @param facts our facts from its metadata; null when the object carries none (not written by us)
 * @param retention the current version's object-lock retention; null when it has none (or the store
 *     has no object lock)
 * @param versionId the current version's id; null on buckets without versioning
 */
public record OffsiteCopy(
    OffsiteObject object, ArchiveFacts facts, Retention retention, String versionId) {}
