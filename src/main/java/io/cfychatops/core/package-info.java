/**
 * The core every transport shares: {@link io.cfychatops.core.ChatOps} parses a {@code /cfy} line,
 * checks access, asks for approval where policy wants it, and hands work to operations and backups.
 * It speaks to people only through {@code chat} types and never imports Slack classes.
 */
package io.cfychatops.core;
