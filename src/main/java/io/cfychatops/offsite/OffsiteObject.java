package io.cfychatops.offsite;

import java.time.Instant;

/**
 * One archive object as a bucket listing shows it (no metadata, no lock: see {@link OffsiteCopy}).
 */
public record OffsiteObject(
    String manager, String snapshotId, String key, long size, Instant lastModified) {}
