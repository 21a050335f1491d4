package io.cfychatops.offsite;

/**
 * A fetched object whose bytes matched the SHA-256 and size in its metadata.
 *
 * @param facts what the object's metadata says (and the bytes proved)
 */
public record FetchResult(String key, ArchiveFacts facts) {}
