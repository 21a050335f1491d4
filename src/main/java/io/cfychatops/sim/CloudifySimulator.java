package io.cfychatops.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cfychatops.concurrent.NamedThreads;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Cloudify Manager 7.0.4 REST API on a real HTTP server, following {@code
 * cloudify-api.md} (quirks included) closely enough that the official Python client works
 * unchanged.
 *
 * <p>Lifecycle: construct with a {@link SimulatorConfig}, {@link #start()}, use {@link #baseUrl()},
 * {@link #stop()} (or try-with-resources). Time: everything timed is derived from the configured
 * {@link Clock} when a request arrives; with a settable clock a test advances time instead of
 * sleeping. Knob methods ({@link #setLatency}, {@link #setErrorRate}, {@link #outageFor}, …) are
 * thread-safe and take effect on the next request.
 *
 * <p>The manager holds contents (tenants, users, blueprints, deployments, nodes, secrets, …; sized
 * by {@link SimulatorConfig#contentSize()}): snapshots dump them in the real 7.x archive format and
 * restores read the stored archive back, with fault knobs ({@link #failRestoreOf}, {@link
 * #setRestoreTarget}, {@link #setManagerVersion}).
 *
 * <p>Request pipeline, in order: {@link Nginx} (outage → 502 HTML or dropped connection, rate limit
 * → 503 HTML, random fault, latency), routing (unknown → 404 JSON), lazy state advance, {@link
 * Guard} (maintenance before authentication, so an unauthenticated blocked request gets 503;
 * authentication, 401 JSON; tenant, 403), then a handler per resource ({@link SnapshotRoutes},
 * {@link ExecutionRoutes}, {@link ManagerRoutes}, {@link ContentRoutes}) over {@link SimState}.
 */
public final class CloudifySimulator implements AutoCloseable {
  /** The database password the simulator leaks in execution parameters, as the real server does. */
  public static final String LEAKED_DB_PASSWORD = "sim-pg-S3cr3t-do-not-post";

  public static final String VERSION = "7.0.4";

  private static final Logger log = LoggerFactory.getLogger(CloudifySimulator.class);

  private final SimulatorConfig cfg;
  private final Clock clock;
  private final SimState state;
  private final Guard guard;
  private final SnapshotRoutes snapshotRoutes;
  private final ExecutionRoutes executionRoutes;
  private final ManagerRoutes managerRoutes;
  private final ContentRoutes contentRoutes;
  private final Nginx nginx;
  private volatile OutageMode outageMode;
  private volatile ClusterScenario clusterScenario;

  private volatile TestHooks testHooks;
  private final AtomicInteger inFlight = new AtomicInteger();
  private HttpServer server;
  private ExecutorService pool;
  private int port = -1;

  public CloudifySimulator(SimulatorConfig config) {
    this.cfg = Objects.requireNonNull(config, "config");
    this.clock = config.clock();
    this.state = new SimState(config, SnapshotState.storageDir(config.storageDir()));
    this.guard = new Guard(config, state);
    this.snapshotRoutes = new SnapshotRoutes(state, guard, () -> outageMode);
    this.executionRoutes = new ExecutionRoutes(state, config.tenant());
    this.managerRoutes = new ManagerRoutes(config, state, guard, () -> clusterScenario);
    this.contentRoutes = new ContentRoutes(state, config.tenant());
    this.nginx = new Nginx(config, state);
    this.outageMode = config.outageMode();
    this.clusterScenario = config.clusterScenario();
  }

  // ================================================================ lifecycle

  /** Binds and starts serving; returns the bound port. */
  public synchronized int start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("already started on port " + port);
    }
    pool = Executors.newFixedThreadPool(cfg.workerThreads(), NamedThreads.daemon("cfy-sim"));
    server = HttpServer.create(new InetSocketAddress(cfg.host(), cfg.port()), 128);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
    port = server.getAddress().getPort();
    log.info("Cloudify simulator listening on {}", baseUrl());
    return port;
  }

  /** Stops serving and interrupts in-flight (e.g. deliberately slow) requests. Idempotent. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      pool.shutdownNow();
      server = null;
      pool = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** The bound port; only after {@link #start()}. */
  public synchronized int port() {
    if (port < 0) {
      throw new IllegalStateException("not started");
    }
    return port;
  }

  /** {@code http://host:port}, without the API prefix. */
  public String baseUrl() {
    return "http://" + cfg.host() + ":" + port();
  }

  /** {@code http://host:port/api/v3.1}. */
  public String apiUrl() {
    return baseUrl() + "/api/v3.1";
  }

  public SimulatorConfig config() {
    return cfg;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * Turns on the unauthenticated {@code /_sim/…} test hooks ({@link TestHooks}: request counts and
   * a wait for a request to arrive); off by default. Idempotent; returns the request log.
   */
  public synchronized RequestLog enableTestHooks() {
    if (testHooks == null) {
      testHooks = new TestHooks();
    }
    return testHooks.log();
  }

  // ================================================================ knobs

  /** Real-time delay added to every request. */
  public void setLatency(Duration d) {
    nginx.setLatency(d);
  }

  public Duration latency() {
    return nginx.latency();
  }

  /** Fraction (0..1) of requests answered with a random fault from {@link #setFaultKinds}. */
  public void setErrorRate(double rate) {
    nginx.setErrorRate(rate);
  }

  public double errorRate() {
    return nginx.errorRate();
  }

  public void setFaultKinds(Set<FaultKind> kinds) {
    nginx.setFaultKinds(kinds);
  }

  public void setSlowResponseDelay(Duration d) {
    nginx.setSlowResponseDelay(d);
  }

  /** nginx-style limit per clock second; 0 turns it off. */
  public void setRateLimitPerSecond(int limit) {
    nginx.setRateLimitPerSecond(limit);
  }

  /** The mode used by restore outages started from now on, and by {@link #outageFor(Duration)}. */
  public void setOutageMode(OutageMode mode) {
    outageMode = Objects.requireNonNull(mode, "mode");
  }

  /** Takes the REST backend down from now (simulator clock) for {@code d}. */
  public void outageFor(Duration d) {
    outageFor(d, outageMode);
  }

  public void outageFor(Duration d, OutageMode mode) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("outage must be >= 0, got " + d);
    }
    state.outage(clock.instant(), d, Objects.requireNonNull(mode, "mode"));
  }

  public void setClusterScenario(ClusterScenario scenario) {
    clusterScenario = Objects.requireNonNull(scenario, "scenario");
  }

  public ClusterScenario clusterScenario() {
    return clusterScenario;
  }

  /** The next snapshot create's execution fails with exactly this {@code error}. Queues up. */
  public void failNextCreate(String error) {
    state.failNextCreate(Objects.requireNonNull(error, "error"));
  }

  /** The next restore's execution fails with exactly this {@code error}. Queues up. */
  public void failNextRestore(String error) {
    state.failNextRestore(Objects.requireNonNull(error, "error"));
  }

  public void setCreateFailureRate(double rate) {
    state.setCreateFailureRate(SimState.rate(rate));
  }

  public void setRestoreFailureRate(double rate) {
    state.setRestoreFailureRate(SimState.rate(rate));
  }

  /** Inserts a snapshot row (e.g. {@code created}, {@code failed}) created at {@code createdAt}. */
  public void seedSnapshot(String id, String status, String error, Instant createdAt) {
    if (!Set.of("creating", "created", "failed", "uploaded").contains(status)) {
      throw new IllegalArgumentException("unknown snapshot status `" + status + "`");
    }
    state.seedSnapshot(
        Objects.requireNonNull(id, "id"),
        status,
        error,
        Objects.requireNonNull(createdAt, "createdAt"));
  }

  /**
   * Starts a non-system workflow execution (e.g. {@code install} on a deployment) that runs for
   * {@code runDuration} after the usual pending time; returns its id. It keeps maintenance mode
   * {@code activating} and blocks restores while it runs.
   */
  public String startWorkflowExecution(
      String workflowId, String deploymentId, Duration runDuration) {
    return (String)
        state.startWorkflow(workflowId, deploymentId, runDuration, null, clock.instant()).get("id");
  }

  // ================================================================ contents

  /**
   * Live counts of what the manager holds, per scope ({@code ""} for tenants, users, user groups
   * and permissions; else the tenant) and dump type name ({@code blueprints}, {@code
   * node_instances}, …), executions included; types with none are left out.
   */
  public Map<String, Map<String, Long>> contentCounts() {
    return state.contentCounts();
  }

  /**
   * The same counts for what snapshot {@code id} dumped, frozen when its create started: what a
   * restore of its archive brings back (duplicates of the dump counted once).
   */
  public Map<String, Map<String, Long>> dumpedCounts(String id) {
    return state.dumpedCounts(id);
  }

  /** Writes snapshot {@code id}'s archive (as a download would serve it) to {@code out}. */
  public void writeArchive(String id, java.io.OutputStream out) throws IOException {
    state.writeArchive(id, out);
  }

  /**
   * Fault knob: the restore's create of this entity fails with a 400, logged as {@code Error
   * restoring <type> <id>: …} (for {@code nodes}/{@code node_instances} name the deployment; for
   * {@code secrets} the whole restore fails, as on a real manager). The error cascades to what
   * depends on it. The execution still ends {@code terminated}.
   *
   * @param type the dump type name, e.g. {@code blueprints}
   */
  public void failRestoreOf(String type, String id) {
    state.failRestoreOf(
        EntityType.ofDumpName(type)
            .orElseThrow(() -> new IllegalArgumentException("unknown entity type `" + type + "`")),
        id);
  }

  /** What the next restores find on the manager (clean by default). */
  public void setRestoreTarget(RestoreTarget target) {
    state.setRestoreTarget(Objects.requireNonNull(target, "target"));
  }

  /**
   * The version the manager reports from now on, e.g. an older one to model restoring a snapshot
   * onto an older manager; archives created from now on carry it too (unless {@code
   * snapshotVersion} is set).
   */
  public void setManagerVersion(String version) {
    ManagerVersions.parse(Objects.requireNonNull(version, "version"));
    state.setManagerVersion(version);
  }

  // ================================================================ pipeline

  private void handle(HttpExchange ex) {
    TestHooks hooks = testHooks;
    if (hooks != null && hooks.serves(ex)) {
      hooks.serve(ex);
      return;
    }
    RequestLog.Entry seen =
        hooks == null
            ? null
            : hooks
                .log()
                .arrived(
                    ex.getRequestMethod(),
                    ex.getRequestURI().getPath(),
                    ex.getRequestHeaders().getFirst("Host"),
                    System.currentTimeMillis());
    inFlight.incrementAndGet();
    try {
      handleUnsafe(ex);
    } catch (ApiError e) {
      Http.trySend(ex, e.status, e.body());
    } catch (IOException e) {
      log.debug("I/O error serving {}: {}", ex.getRequestURI(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("Simulator bug serving {} {}", ex.getRequestMethod(), ex.getRequestURI(), e);
      StringWriter sw = new StringWriter();
      e.printStackTrace(new PrintWriter(sw));
      Http.trySend(
          ex,
          500,
          ApiError.internal(
                  "Internal error occurred in manager REST server - "
                      + e.getClass().getSimpleName()
                      + ": "
                      + e.getMessage(),
                  sw.toString())
              .body());
    } finally {
      ex.close();
      inFlight.decrementAndGet();
      if (seen != null) {
        hooks.log().answered(seen, ex.getResponseCode(), System.currentTimeMillis());
      }
    }
  }

  /** Requests held by the slow-response fault right now. */
  int slowInFlight() {
    return nginx.slowInFlight();
  }

  /** Requests being served right now (for tests that need to know a request has arrived). */
  int inFlight() {
    return inFlight.get();
  }

  private void handleUnsafe(HttpExchange ex) throws IOException, InterruptedException {
    Instant now = clock.instant();
    if (!nginx.pass(ex, now)) {
      return;
    }
    List<String> seg = Http.route(ex.getRequestURI().getPath());
    String method = ex.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
    Map<String, List<String>> query = parseQuery(ex.getRequestURI().getRawQuery());

    // ---- lazy state, maintenance (before auth), auth, tenant
    state.advance(now);
    guard.checkMaintenance(ex, seg, method, now);
    String top = seg.get(0);
    Http.Principal who = null;
    if (!top.equals("snapshot-status") && !top.equals("ok")) {
      who = guard.authenticate(ex, now);
      ex.getResponseHeaders().set("X-Cloudify-Audit-Auth-Method", who.method());
      ex.getResponseHeaders().set("X-Cloudify-Audit-Username", who.username());
      String tenant = ex.getRequestHeaders().getFirst("Tenant");
      guard.checkTenant(tenant);
      ex.getResponseHeaders()
          .set(
              "X-Cloudify-Audit-Tenant",
              tenant == null || tenant.isEmpty() ? cfg.tenant() : tenant);
    }
    dispatch(new Http.Request(ex, seg, method, query, who, now));
  }

  private void dispatch(Http.Request r) throws IOException, InterruptedException {
    switch (r.seg(0)) {
      case "snapshots" -> snapshotRoutes.snapshots(r);
      case "snapshot-status" -> snapshotRoutes.status(r);
      case "executions" -> executionRoutes.executions(r);
      case "events" -> executionRoutes.events(r);
      case "maintenance" -> managerRoutes.maintenance(r);
      case "tokens" -> managerRoutes.tokens(r);
      case "version" -> managerRoutes.version(r);
      case "status" -> managerRoutes.status(r);
      case "cluster-status" -> managerRoutes.clusterStatus(r);
      case "ok" -> managerRoutes.ok(r);
      case "summary" -> contentRoutes.summary(r);
      default ->
          contentRoutes.serve(r, ContentRoutes.typeOf(r.seg()).orElseThrow(Http::notFoundRoute));
    }
  }

  static Map<String, List<String>> parseQuery(String raw) {
    return Http.parseQuery(raw);
  }
}
