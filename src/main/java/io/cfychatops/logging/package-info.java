/**
 * Logback plumbing: converters that redact secrets from every log line and emit JSON lines when
 * {@code LOG_FORMAT=json}.
 */
package io.cfychatops.logging;
