/**
 * Incident timelines of operations ({@code /cfy ops timeline ID}): built from the bot's own store
 * only, the audit log and the operation's step records ({@link io.cfychatops.timeline.Timelines}),
 * never from channel history; rendered as Markdown, CSV (RFC 4180, formula-injection safe) or JSON
 * ({@link io.cfychatops.timeline.TimelineFormat}). Every detail is redacted and clipped.
 *
 * <p>Null-marked: nothing here is null unless its type says {@code @Nullable}.
 */
@NullMarked
package io.cfychatops.timeline;

import org.jspecify.annotations.NullMarked;
