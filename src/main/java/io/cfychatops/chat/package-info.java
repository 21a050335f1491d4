/**
 * The transport-neutral chat port and message model.
 *
 * <p>The core (commands, approvals, operations, backups) speaks only these types. {@code slack}
 * renders a {@link io.cfychatops.chat.Message} as Block Kit, {@code console} as plain text. All
 * strings in the model are <em>plain text</em>: renderers escape them, so text that came from a
 * user or a manager can never ping {@code @channel} or forge a link.
 *
 * <p>Besides posting and editing, a transport may schedule a message the platform posts by itself
 * later ({@link io.cfychatops.chat.ScheduledMessage}; the default {@link
 * io.cfychatops.chat.ChatPort} methods say {@code not_supported}).
 *
 * <p>Null-marked: nothing here is null unless its type says {@code @Nullable}.
 */
@NullMarked
package io.cfychatops.chat;

import org.jspecify.annotations.NullMarked;
