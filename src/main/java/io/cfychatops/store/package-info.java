/**
 * The durable store: plain JDBC on HSQLDB (embedded, default) or PostgreSQL (several replicas).
 *
 * <p>{@link io.cfychatops.store.Database} opens an engine (PostgreSQL through a HikariCP pool),
 * runs the versioned SQL scripts under {@code db/migration/} and hands out a {@link
 * io.cfychatops.store.Jdbc} helper and a {@code DataSource} (for db-scheduler, see {@code
 * scheduling.SchedulerFactory}). The {@code Jdbc*} classes implement the ports of the features that
 * need them ({@code approvals}, {@code ops}, {@code backup}, {@code chat}) and map rows straight to
 * those ports' records; no {@code java.sql} type appears in their signatures. Decisions that must
 * happen once are compare-and-set updates or unique keys: the methods that perform them return
 * whether this caller won. Times are stored as epoch milliseconds ({@code BIGINT}).
 */
package io.cfychatops.store;
