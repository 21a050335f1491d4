/**
 * The Cloudify Manager simulator: a real HTTP server (JDK {@code HttpServer}) that follows {@code
 * cloudify-api.md}, quirks included, for tests, the console demo and {@code cfy-chatops simulator}.
 *
 * <p>Entry points: {@link io.cfychatops.sim.CloudifySimulator} (configured by {@link
 * io.cfychatops.sim.SimulatorConfig}, fault knobs settable at runtime) and {@link
 * io.cfychatops.sim.SimulatorMain} for the command line. A settable clock (the tests' {@code
 * testing.SettableClock}) lets tests move time instead of sleeping: every timed behaviour
 * (execution progress, maintenance flip, restore outage, snapshot-status flag) is derived lazily
 * from the injected clock when a request arrives. Only the latency and slow-response knobs use real
 * time.
 *
 * <p>Layout: an HTTP front ({@code CloudifySimulator} pipeline, {@code Nginx} faults, {@code Guard}
 * checks, one routes class per resource: {@code SnapshotRoutes}, {@code ExecutionRoutes}, {@code
 * ManagerRoutes}, {@code ContentRoutes}) over state per area ({@code SimState} with {@code
 * Executions}, {@code Tokens}, {@code Maintenance}, {@code Outages}, {@code Content}; {@code
 * SnapshotState} for create and restore, which cross areas). The manager's contents ({@code
 * Content}, seeded by {@code ContentSeeder}) are dumped in the real 7.x format by {@code
 * ArchiveWriter} (or the legacy one by {@code LegacyArchiveWriter}) and read back by {@code
 * Restorer}, which models {@code snapshot_restore.py}. This model of Cloudify is independent of the
 * bot's archive reader ({@code io.cfychatops.archive}) on purpose, so tests can compare the two.
 *
 * <p>Nothing here is used by the core; the simulator depends on nothing but the JDK, Jackson and
 * SLF4J.
 *
 * <p>With {@code --test-hooks} (off by default) {@link io.cfychatops.sim.TestHooks} serves the
 * {@link io.cfychatops.sim.RequestLog} (what reached the manager) to the acceptance suite.
 */
package io.cfychatops.sim;
