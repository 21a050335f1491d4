package io.cfychatops.cloudify;

/**
 * Outcome of a streamed archive download: byte count and lowercase hex SHA-256 of what was written.
 */
public record DownloadResult(long bytes, String sha256Hex) {}
