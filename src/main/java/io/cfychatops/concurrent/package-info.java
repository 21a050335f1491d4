/**
 * Concurrency helpers shared by the bot's adapters, the core and the simulator: {@link
 * io.cfychatops.concurrent.NamedThreads}, the one thread factory (numbered names, daemon, uncaught
 * exceptions logged), and {@link io.cfychatops.concurrent.Sleeper}, the one way to wait between
 * retries and polls. No dependencies beyond the JDK and SLF4J.
 *
 * <p>Null-marked: nothing here is null unless its type says {@code @Nullable}.
 */
@NullMarked
package io.cfychatops.concurrent;

import org.jspecify.annotations.NullMarked;
