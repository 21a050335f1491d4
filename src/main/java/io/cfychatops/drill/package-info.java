/**
 * Restore drills: a verified stored copy of a manager's backup restored onto a scratch manager
 * ({@code scratch: true}) and validated, on a schedule or on demand ({@link
 * io.cfychatops.drill.DrillService}). A drill is an {@link io.cfychatops.ops.OpKind#DRILL}
 * operation on the one engine ({@link io.cfychatops.drill.DrillRunbook}, composed of the restore
 * runbook's own steps), so it survives a crash and runs nothing twice; its verdict ({@link
 * io.cfychatops.drill.DrillVerdict}) and RTO by phase are kept in a {@link
 * io.cfychatops.drill.DrillLog} (implemented in {@code store}).
 *
 * <p>Null-marked: nothing here is null unless its type says {@code @Nullable}.
 */
@NullMarked
package io.cfychatops.drill;

import org.jspecify.annotations.NullMarked;
