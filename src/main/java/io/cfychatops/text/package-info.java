/**
 * Plain-text helpers every package shares, one home each: {@link io.cfychatops.text.Redactor}
 * (masks secrets in any string: chat, audit, exceptions, log lines), {@link
 * io.cfychatops.text.Durations} (durations, ages and byte sizes for people) and {@link
 * io.cfychatops.text.Truncate} (length-bounded cuts that never split a character, first lines,
 * echoes of user input, SHA-256 prefixes).
 *
 * <p>No dependencies beyond the JDK; importable by the core and by adapters alike.
 */
package io.cfychatops.text;
