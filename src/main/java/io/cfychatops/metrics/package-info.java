/**
 * Prometheus metrics behind a small facade. {@link io.cfychatops.metrics.Metrics} is the only type
 * other packages see; no Micrometer type appears in its public signatures, so callers record
 * outcomes ({@code backupSucceeded(manager, bytes, duration)}) without knowing the registry.
 *
 * <p>Null-marked: nothing here is null unless its type says {@code @Nullable}.
 */
@NullMarked
package io.cfychatops.metrics;

import org.jspecify.annotations.NullMarked;
