/**
 * The shell adapter: type {@code /cfy …} lines as a chosen user ({@code /as bob}), see every reply
 * and progress update as text. Works from a pipe. Approvals are given by typing {@code approve
 * <request-id>} as another user.
 *
 * <p>Null-marked: nothing here is null unless its type says {@code @Nullable}.
 */
@NullMarked
package io.cfychatops.console;

import org.jspecify.annotations.NullMarked;
