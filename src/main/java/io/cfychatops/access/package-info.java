/**
 * Who may do what: roles ({@code viewer}, {@code operator}, {@code approver}, {@code admin})
 * granted per manager to chat user ids and user groups. Group membership is looked up through the
 * chat port and cached (Caffeine) for at most a TTL; a failed lookup is never cached and never
 * counts as "not a member" ({@link io.cfychatops.access.GroupLookupException}).
 *
 * <p>Null-marked: nothing here is null unless its type says {@code @Nullable}.
 */
@NullMarked
package io.cfychatops.access;

import org.jspecify.annotations.NullMarked;
