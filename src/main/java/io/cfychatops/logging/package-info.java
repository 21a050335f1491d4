/**
 * Logback plumbing: converters that redact secrets from every log line (with the one redactor,
 * {@link io.cfychatops.text.Redactor}) and emit JSON lines when
 * {@code LOG_FORMAT=json}.
 */
package io.cfychatops.logging;
