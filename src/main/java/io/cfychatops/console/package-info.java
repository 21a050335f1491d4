/**
 * The shell adapter: type {@code /cfy …} lines as a chosen user ({@code /as bob}), see every reply
 * and progress update as text. Works from a pipe. Approvals are given by typing
 * {@code approve <request-id>} as another user.
 */
package io.cfychatops.console;
