/**
 * Logback plumbing: every log line passes the one redactor ({@link io.cfychatops.text.Redactor}).
 * Text lines ({@code LOG_FORMAT=text}, the default) through the {@code %rmsg}/{@code %rex}
 * converters; JSON lines ({@code LOG_FORMAT=json}) through {@link
 * io.cfychatops.logging.RedactingJsonEncoder}, Logback's own JSON encoder fed a redacted view of
 * each event.
 *
 * <p>Null-marked: nothing here is null unless its type says {@code @Nullable}.
 */
@NullMarked
package io.cfychatops.logging;

import org.jspecify.annotations.NullMarked;
