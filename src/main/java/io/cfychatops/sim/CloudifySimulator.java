package io.cfychatops.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Cloudify Manager 7.0.4 REST API on a real HTTP server, following {@code
 * cloudify-api.md} (quirks included) closely enough that the official Python client works
 * unchanged.
 *
 * <p>Lifecycle: construct with a {@link SimulatorConfig}, {@link #start()}, use {@link #baseUrl()},
 * {@link #stop()} (or try-with-resources). Time: everything timed is derived from the configured
 * {@link Clock} when a request arrives; with a {@link MutableClock} a test advances time instead of
 * sleeping. Knob methods ({@link #setLatency}, {@link #setErrorRate}, {@link #outageFor}, …) are
 * thread-safe and take effect on the next request.
 *
 * <p>Request pipeline, in order: nginx layer (outage → 502 HTML or dropped connection, rate limit →
 * 503 HTML, random fault, latency), routing (unknown → 404 JSON), lazy state advance, maintenance
 * check (before authentication, so an unauthenticated blocked request gets 503), authentication
 * (401 JSON), tenant (403), handler.
 */
public final class CloudifySimulator implements AutoCloseable {
  /** The database password the simulator leaks in execution parameters, as the real server does. */
  public static final String LEAKED_DB_PASSWORD = "sim-pg-S3cr3t-do-not-post";
  public static final String VERSION = "7.0.4";

  private static final Logger log = LoggerFactory.getLogger(CloudifySimulator.class);
  private static final Pattern API_PATH = Pattern.compile("^/api/v(?:1|2|2\\.1|3|3\\.1)/(.*)$");
  private static final Set<String> MAINTENANCE_ALLOWED = Set.of("brokers", "managers", "db-nodes",
      "cluster", "config", "status", "version", "license", "maintenance", "cluster-status",
      "file-server-auth", "ok", "snapshots", "snapshot-status");
  private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH");
  private static final Pattern ID_CHARS = Pattern.compile("^[A-Za-z0-9._-]+$");

  private final SimulatorConfig cfg;
  private final Clock clock;
  private final SimState state;
  private final Object rateLock = new Object();
  private long rateWindow = Long.MIN_VALUE;
  private int rateCount;

  private volatile Duration latency;
  private volatile double errorRate;
  private volatile List<FaultKind> faultKinds;
  private volatile Duration slowResponseDelay;
  private volatile int rateLimitPerSecond;
  private volatile OutageMode outageMode;
  private volatile ClusterScenario clusterScenario;

  private volatile TestHooks testHooks;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger slowInFlight = new AtomicInteger();
  private HttpServer server;
  private ExecutorService pool;
  private int port = -1;

  public CloudifySimulator(SimulatorConfig config) {
    this.cfg = Objects.requireNonNull(config, "config");
    this.clock = config.clock();
    Path dir = config.storageDir();
    try {
      if (dir == null) {
        dir = Files.createTempDirectory("cfy-sim-");
        dir.toFile().deleteOnExit();
      } else {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot create storage dir " + dir, e);
    }
    this.state = new SimState(config, dir);
    this.latency = config.latency();
    this.errorRate = config.errorRate();
    this.faultKinds = sorted(config.faultKinds());
    this.slowResponseDelay = config.slowResponseDelay();
    this.rateLimitPerSecond = config.rateLimitPerSecond();
    this.outageMode = config.outageMode();
    this.clusterScenario = config.clusterScenario();
  }

  // ================================================================ lifecycle

  /** Binds and starts serving; returns the bound port. */
  public synchronized int start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("already started on port " + port);
    }
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newFixedThreadPool(cfg.workerThreads(), r -> {
      Thread t = new Thread(r, "cfy-sim-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
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
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("latency must be >= 0, got " + d);
    }
    latency = d;
  }

  public Duration latency() {
    return latency;
  }

  /** Fraction (0..1) of requests answered with a random fault from {@link #setFaultKinds}. */
  public void setErrorRate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("error rate must be within 0.0..1.0, got " + rate);
    }
    errorRate = rate;
  }

  public double errorRate() {
    return errorRate;
  }

  public void setFaultKinds(Set<FaultKind> kinds) {
    if (kinds == null || kinds.isEmpty()) {
      throw new IllegalArgumentException("fault kinds must not be empty, got " + kinds);
    }
    faultKinds = sorted(kinds);
  }

  public void setSlowResponseDelay(Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("slow response delay must be >= 0, got " + d);
    }
    slowResponseDelay = d;
  }

  /** nginx-style limit per clock second; 0 turns it off. */
  public void setRateLimitPerSecond(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("rate limit must be >= 0, got " + limit);
    }
    rateLimitPerSecond = limit;
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
    checkRate(rate);
    state.setCreateFailureRate(rate);
  }

  public void setRestoreFailureRate(double rate) {
    checkRate(rate);
    state.setRestoreFailureRate(rate);
  }

  /** Inserts a snapshot row (e.g. {@code created}, {@code failed}) created at {@code createdAt}. */
  public void seedSnapshot(String id, String status, String error, Instant createdAt) {
    if (!Set.of("creating", "created", "failed", "uploaded").contains(status)) {
      throw new IllegalArgumentException("unknown snapshot status `" + status + "`");
    }
    state.seedSnapshot(Objects.requireNonNull(id, "id"), status, error,
        Objects.requireNonNull(createdAt, "createdAt"));
  }

  /**
   * Starts a non-system workflow execution (e.g. {@code install} on a deployment) that runs for
   * {@code runDuration} after the usual pending time; returns its id. It keeps maintenance mode
   * {@code activating} and blocks restores while it runs.
   */
  public String startWorkflowExecution(String workflowId, String deploymentId, Duration runDuration) {
    return (String) state.startWorkflow(workflowId, deploymentId, runDuration, null, clock.instant())
        .get("id");
  }

  private static void checkRate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate must be within 0.0..1.0, got " + rate);
    }
  }

  private static List<FaultKind> sorted(Set<FaultKind> kinds) {
    return List.copyOf(EnumSet.copyOf(kinds));
  }

  // ================================================================ pipeline

  private record Principal(String username, String role, String method) {
    boolean admin() {
      return "sys_admin".equals(role);
    }
  }

  private void handle(HttpExchange ex) {
    TestHooks hooks = testHooks;
    if (hooks != null && hooks.serves(ex)) {
      hooks.serve(ex);
      return;
    }
    RequestLog.Entry seen = hooks == null ? null : hooks.log().arrived(ex.getRequestMethod(),
        ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("Host"), System.currentTimeMillis());
    inFlight.incrementAndGet();
    try {
      handleUnsafe(ex);
    } catch (ApiError e) {
      trySend(ex, e.status, e.body());
    } catch (IOException e) {
      log.debug("I/O error serving {}: {}", ex.getRequestURI(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("Simulator bug serving {} {}", ex.getRequestMethod(), ex.getRequestURI(), e);
      StringWriter sw = new StringWriter();
      e.printStackTrace(new PrintWriter(sw));
      trySend(ex, 500, ApiError.internal("Internal error occurred in manager REST server - "
          + e.getClass().getSimpleName() + ": " + e.getMessage(), sw.toString()).body());
    } finally {
      ex.close();
      inFlight.decrementAndGet();
      if (seen != null) {
        hooks.log().answered(seen, ex.getResponseCode(), System.currentTimeMillis());
      }
    }
  }

  /** Requests being served right now (for tests that need to know a request has arrived). */
  /** Requests held by the slow-response fault right now. */
  int slowInFlight() {
    return slowInFlight.get();
  }

  int inFlight() {
    return inFlight.get();
  }

  private void handleUnsafe(HttpExchange ex) throws IOException, InterruptedException {
    Instant now = clock.instant();
    // ---- nginx layer
    OutageMode outage = state.outageAt(now);
    if (outage != null) {
      outage(ex, outage);
      return;
    }
    if (rateLimited(now)) {
      html(ex, 503, "503 Service Temporarily Unavailable");
      return;
    }
    double rate = errorRate;
    if (rate > 0 && state.nextRandom() < rate) {
      List<FaultKind> kinds = faultKinds;
      FaultKind kind = kinds.get(state.nextInt(kinds.size()));
      switch (kind) {
        case BAD_GATEWAY_502 -> {
          html(ex, 502, "502 Bad Gateway");
          return;
        }
        case UNAVAILABLE_503 -> {
          html(ex, 503, "503 Service Temporarily Unavailable");
          return;
        }
        case DROP_CONNECTION -> {
          return; // closed by handle() without a response
        }
        case SLOW_RESPONSE -> {
          slowInFlight.incrementAndGet();
          try {
            Thread.sleep(slowResponseDelay.toMillis());
          } finally {
            slowInFlight.decrementAndGet();
          }
        }
      }
    }
    Duration lat = latency;
    if (!lat.isZero()) {
      Thread.sleep(lat.toMillis());
    }

    // ---- routing
    String path = ex.getRequestURI().getPath();
    List<String> seg;
    if (path.equals("/api/version") || path.equals("/api/version/")) {
      seg = List.of("version");
    } else {
      Matcher m = API_PATH.matcher(path);
      if (!m.matches() || m.group(1).isEmpty()) {
        throw notFoundRoute();
      }
      String rest = m.group(1);
      while (rest.endsWith("/")) {
        rest = rest.substring(0, rest.length() - 1);
      }
      seg = Arrays.asList(rest.split("/", -1));
    }
    String method = ex.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
    Map<String, List<String>> query = parseQuery(ex.getRequestURI().getRawQuery());

    // ---- lazy state, maintenance (before auth), auth, tenant
    state.advance(now);
    checkMaintenance(ex, seg, method, now);
    String top = seg.get(0);
    Principal who = null;
    if (!top.equals("snapshot-status") && !top.equals("ok")) {
      who = authenticate(ex, now);
      ex.getResponseHeaders().set("X-Cloudify-Audit-Auth-Method", who.method());
      ex.getResponseHeaders().set("X-Cloudify-Audit-Username", who.username());
      String tenant = ex.getRequestHeaders().getFirst("Tenant");
      if (tenant != null && !tenant.isEmpty() && !tenant.equals(cfg.tenant())) {
        throw ApiError.forbidden(
            "Authorization failed: Tried to authenticate with invalid tenant name: " + tenant);
      }
      ex.getResponseHeaders().set("X-Cloudify-Audit-Tenant", cfg.tenant());
    }
    dispatch(ex, seg, method, query, who, now);
  }

  private void dispatch(HttpExchange ex, List<String> seg, String method,
      Map<String, List<String>> query, Principal who, Instant now)
      throws IOException, InterruptedException {
    String top = seg.get(0);
    int n = seg.size();
    switch (top) {
      case "snapshots" -> {
        if (n == 1) {
          requireMethod(method, "GET");
          requireAdmin(who, "snapshot_list");
          json(ex, 200, Listing.envelope(state.snapshotItems(), SimState.SNAPSHOT_FIELDS, query));
        } else if (n == 2) {
          snapshotById(ex, seg.get(1), method, query, who, now);
        } else if (n == 3 && seg.get(2).equals("archive")) {
          if (method.equals("GET")) {
            requireAdmin(who, "snapshot_download");
            download(ex, seg.get(1));
          } else {
            requireMethod(method, "PUT");
            requireAdmin(who, "snapshot_upload");
            upload(ex, seg.get(1), query, who, now);
          }
        } else if (n == 3 && seg.get(2).equals("restore")) {
          requireMethod(method, "POST");
          requireAdmin(who, "snapshot_restore");
          restore(ex, seg.get(1), who, now);
        } else {
          throw notFoundRoute();
        }
      }
      case "snapshot-status" -> {
        requireSingle(n);
        requireMethod(method, "GET");
        json(ex, 200, Json.obj("status", state.restoreInProgress(now) ? "running" : "not-running"));
      }
      case "executions" -> {
        if (n == 1) {
          requireMethod(method, "GET");
          boolean system = Listing.isReservedTrue(query, "_include_system_workflows")
              || query.containsKey("is_system_workflow");
          json(ex, 200, Listing.envelope(state.executionItems(now, system),
              SimState.EXECUTION_FIELDS, query));
        } else if (n == 2) {
          if (method.equals("GET")) {
            List<String> include = Listing.includeFields(query, SimState.EXECUTION_FIELDS);
            json(ex, 200, Listing.project(state.execution(seg.get(1), now), include));
          } else {
            requireMethod(method, "POST");
            JsonNode body = jsonBody(ex);
            JsonNode action = body.get("action");
            if (action == null) {
              throw ApiError.badParameters("Missing action in json request body");
            }
            json(ex, 200, state.cancel(seg.get(1), action.asText(), now));
          }
        } else {
          throw notFoundRoute();
        }
      }
      case "maintenance" -> {
        if (n == 1) {
          requireMethod(method, "GET");
          json(ex, 200, state.maintenanceJson());
        } else if (n == 2) {
          requireMethod(method, "POST");
          requireAdmin(who, "maintenance_mode_set");
          Map<String, Object> body = switch (seg.get(1)) {
            case "activate" -> state.activate(who.username(), now);
            case "deactivate" -> state.deactivate(now);
            default -> throw ApiError.badParameters("Invalid action: " + seg.get(1)
                + ", Valid action values are: ['activate', 'deactivate']");
          };
          if (body == null) {
            ex.sendResponseHeaders(304, -1);
          } else {
            json(ex, 200, body);
          }
        } else {
          throw notFoundRoute();
        }
      }
      case "tokens" -> tokens(ex, seg, method, query, who, now);
      case "version" -> {
        requireSingle(n);
        requireMethod(method, "GET");
        json(ex, 200, Json.obj("version", VERSION, "edition", "premium", "build", null,
            "date", null, "commit", null, "distribution", "rhel", "distro_release", "Ootpa"));
      }
      case "status" -> {
        requireSingle(n);
        requireMethod(method, "GET");
        json(ex, 200, ClusterHealth.status(clusterScenario,
            Listing.isReservedTrue(query, "summary")));
      }
      case "cluster-status" -> {
        requireSingle(n);
        requireMethod(method, "GET");
        Map<String, Object> body = ClusterHealth.clusterStatus(clusterScenario,
            Listing.isReservedTrue(query, "summary"));
        boolean fail = "Fail".equals(body.get("status"));
        json(ex, fail && Listing.isReservedTrue(query, "summary") ? 500 : 200, body);
      }
      case "ok" -> {
        requireSingle(n);
        requireMethod(method, "GET");
        boolean ok = "OK".equals(ClusterHealth.status(clusterScenario, true).get("status"));
        json(ex, ok ? 200 : 500, ok ? "OK" : "FAIL");
      }
      default -> throw notFoundRoute();
    }
  }

  // ================================================================ snapshots

  private void snapshotById(HttpExchange ex, String id, String method,
      Map<String, List<String>> query, Principal who, Instant now) throws IOException {
    switch (method) {
      case "GET" -> {
        requireAdmin(who, "snapshot_get");
        List<String> include = Listing.includeFields(query, SimState.SNAPSHOT_FIELDS);
        json(ex, 200, Listing.project(state.snapshot(id).json(), include));
      }
      case "PUT" -> {
        requireAdmin(who, "snapshot_create");
        JsonNode body = jsonBody(ex);
        validateId(id);
        boolean creds = bool(body, "include_credentials", true);
        boolean logs = bool(body, "include_logs", true);
        boolean events = bool(body, "include_events", true);
        boolean queue = bool(body, "queue", false);
        boolean legacy = bool(body, "legacy", false);
        JsonNode tmp = body.get("tempdir_path");
        Object tempdir = tmp == null || tmp.isNull() ? null : tmp.asText();
        json(ex, 201, state.createSnapshot(id, who.username(), now, creds, logs, events, queue,
            legacy, tempdir));
      }
      case "DELETE" -> {
        requireAdmin(who, "snapshot_delete");
        json(ex, 200, state.deleteSnapshot(id));
      }
      default -> throw methodNotAllowed();
    }
  }

  private static void validateId(String id) {
    String prefix = "The `snapshot_id` argument";
    if (id.isEmpty()) {
      throw ApiError.badParameters(prefix + " is empty");
    }
    if (id.length() > 256) {
      throw ApiError.badParameters(prefix + " is too long. Maximum allowed length is 256 characters");
    }
    char c = id.charAt(0);
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      throw ApiError.badParameters(prefix + " must begin with a letter");
    }
    if (!ID_CHARS.matcher(id).matches()) {
      throw ApiError.badParameters(prefix + " contains illegal characters. Only letters, digits"
          + " and the characters \"-\", \".\" and \"_\" are allowed");
    }
  }

  private void download(HttpExchange ex, String id) throws IOException {
    Object archive = state.archiveFor(id);
    if (archive == null) {
      html(ex, 404, "404 Not Found");
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
    ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + id + ".zip\"");
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    if (archive instanceof Path file) {
      ex.sendResponseHeaders(200, Files.size(file));
      try (OutputStream out = ex.getResponseBody()) {
        Files.copy(file, out);
      }
    } else {
      SnapshotArchive zip = (SnapshotArchive) archive;
      long length = zip.length();
      ex.sendResponseHeaders(200, length);
      try (OutputStream out = new java.io.BufferedOutputStream(ex.getResponseBody(), 64 * 1024)) {
        zip.writeTo(out);
      }
    }
  }

  private void upload(HttpExchange ex, String id, Map<String, List<String>> query, Principal who,
      Instant now) throws IOException, InterruptedException {
    String url = Listing.first(query, "snapshot_archive_url");
    String te = ex.getRequestHeaders().getFirst("Transfer-Encoding");
    String cl = ex.getRequestHeaders().getFirst("Content-Length");
    boolean hasBody = (te != null && te.toLowerCase(java.util.Locale.ROOT).contains("chunked"))
        || (cl != null && !cl.trim().equals("0"));
    if (url != null && hasBody) {
      throw ApiError.badParameters("Can pass snapshot as only one of: URL via query parameters,"
          + " request body, multi-form or chunked.");
    }
    Path file = Files.createTempFile(state.storageDir(), "upload-", ".zip");
    try {
      if (url != null) {
        fetch(url, file);
      } else if (hasBody) {
        try (InputStream in = ex.getRequestBody()) {
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } else {
        throw ApiError.badParameters("Missing snapshot archive: send it as the request body or"
            + " pass snapshot_archive_url");
      }
    } catch (ApiError | IOException | InterruptedException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    json(ex, 201, state.uploaded(id, file, who.username(), now));
  }

  private static void fetch(String url, Path file) throws InterruptedException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw ApiError.badParameters("Cannot fetch " + url + ": invalid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!Set.of("http", "https", "ftp").contains(scheme)) {
      throw ApiError.badParameters("Cannot fetch " + url
          + ": only http, https and ftp URLs are accepted");
    }
    if (scheme.equals("ftp")) {
      throw ApiError.badParameters("Cannot fetch " + url + ": ftp is not supported by the simulator");
    }
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL).build();
      HttpResponse<Path> r = client.send(HttpRequest.newBuilder(uri).GET().build(),
          HttpResponse.BodyHandlers.ofFile(file));
      if (r.statusCode() / 100 != 2) {
        throw ApiError.badParameters("Cannot fetch " + url + ": HTTP " + r.statusCode());
      }
    } catch (IOException e) {
      throw ApiError.badParameters("Cannot fetch " + url + ": " + e);
    }
  }

  private void restore(HttpExchange ex, String id, Principal who, Instant now) throws IOException {
    JsonNode body = jsonBody(ex);
    if (!body.has("force")) {
      throw ApiError.internal("Internal error occurred in manager REST server - KeyError: 'force'",
          "Traceback (most recent call last):\n  File \"snapshots.py\", in post\n"
              + "    request_dict['force']\nKeyError: 'force'\n");
    }
    boolean force = bool(body, "force", false);
    boolean certs = bool(body, "restore_certificates", false);
    boolean noReboot = bool(body, "no_reboot", false);
    if (noReboot && !certs) {
      throw ApiError.badParameters(
          "`no_reboot` is only relevant when `restore_certificates` is activated");
    }
    int timeout = 300;
    JsonNode t = body.get("timeout");
    if (t != null) {
      if (t.isIntegralNumber()) {
        timeout = t.intValue();
      } else if (t.isTextual() && t.asText().matches("-?\\d+")) {
        timeout = Integer.parseInt(t.asText());
      } else {
        throw ApiError.badParameters("invalid parameter, should be int, got: " + pyRepr(t));
      }
    }
    JsonNode ipf = body.get("ignore_plugin_failure");
    Object ignore = ipf == null || ipf.isNull() ? false : ipf.isBoolean() ? ipf.booleanValue() : ipf.asText();
    json(ex, 200, state.restore(id, who.username(), now, force, certs, noReboot, timeout, ignore,
        outageMode));
  }

  // ================================================================ tokens

  private void tokens(HttpExchange ex, List<String> seg, String method,
      Map<String, List<String>> query, Principal who, Instant now) throws IOException {
    if (seg.size() == 1) {
      if (method.equals("GET")) {
        List<Map<String, Object>> mine = state.tokenItems().stream()
            .filter(t -> who.admin() || who.username().equals(t.get("username"))).toList();
        json(ex, 200, Listing.envelope(mine, SimState.TOKEN_FIELDS, query));
        return;
      }
      requireMethod(method, "POST");
      JsonNode body = jsonBody(ex);
      JsonNode d = body.get("description");
      JsonNode e = body.get("expiration_date");
      Instant expires = null;
      if (e != null && !e.isNull()) {
        try {
          String s = e.asText();
          expires = s.matches(".*T\\d\\d:\\d\\dZ$")
              ? OffsetDateTime.parse(s.replace("Z", ":00Z")).toInstant()
              : OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException x) {
          throw ApiError.badParameters("Invalid expiration_date: " + e.asText());
        }
      }
      json(ex, 200, state.createToken(who.username(), who.role(),
          d == null || d.isNull() ? null : d.asText(), expires));
      return;
    }
    if (seg.size() == 2) {
      Map<String, Object> token = state.tokenItems().stream()
          .filter(t -> seg.get(1).equals(t.get("id"))).findFirst()
          .orElseThrow(() -> ApiError.notFound("Token", seg.get(1)));
      if (method.equals("GET")) {
        json(ex, 200, token);
        return;
      }
      throw methodNotAllowed();
    }
    throw notFoundRoute();
  }

  // ================================================================ cross-cutting

  private void checkMaintenance(HttpExchange ex, List<String> seg, String method, Instant now) {
    String status = state.maintenanceStatus();
    String top = seg.get(0);
    String code;
    if (status.equals("activated")) {
      if (MAINTENANCE_ALLOWED.contains(top)) {
        return;
      }
      code = "maintenance_mode_active";
    } else if (status.equals("activating")) {
      boolean write = WRITE_METHODS.contains(method);
      boolean blocked = (top.equals("snapshots") && seg.size() == 2 && write)
          || (top.equals("snapshots") && seg.size() == 3 && seg.get(2).equals("restore"))
          || (top.equals("executions") && seg.size() == 1 && write)
          || (top.equals("deployments") && seg.size() == 2 && write)
          || (top.equals("deployment-modifications") && write);
      if (!blocked) {
        return;
      }
      code = "entering_maintenance_mode";
    } else {
      return;
    }
    String bypass = ex.getRequestHeaders().getFirst("X-BYPASS-MAINTENANCE");
    if (bypass != null && !bypass.isEmpty()) {
      try {
        if (authenticate(ex, now).admin()) {
          return;
        }
      } catch (ApiError e) {
        // not allowed to bypass: falls through to 503
      }
    }
    throw ApiError.maintenance(code);
  }

  private Principal authenticate(HttpExchange ex, Instant now) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()),
            StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = "";
      }
      int colon = decoded.indexOf(':');
      String user = colon < 0 ? decoded : decoded.substring(0, colon);
      String pw = colon < 0 ? "" : decoded.substring(colon + 1);
      char c = user.isEmpty() ? ' ' : user.charAt(0);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        if (user.equals(cfg.username()) && pw.equals(cfg.password())) {
          return new Principal(user, "sys_admin", "http_basic");
        }
        if (pw.equals(cfg.extraUsers().get(user))) {
          return new Principal(user, "user", "http_basic");
        }
        throw ApiError.unauthorized("Authentication failed for <User username=`" + user
            + "`>. Wrong credentials or locked account");
      }
    }
    String token = ex.getRequestHeaders().getFirst("Authentication-Token");
    if (token != null && !token.isEmpty()) {
      SimState.Token t = state.checkToken(token.trim(), now);
      return new Principal(t.username(), t.role(), "token");
    }
    throw ApiError.unauthorized("No authentication info provided");
  }

  private void requireAdmin(Principal who, String action) {
    if (!who.admin()) {
      throw ApiError.forbidden("User `" + who.username() + "` is not permitted to perform the action "
          + action + " in the tenant `" + cfg.tenant() + "`");
    }
  }

  private boolean rateLimited(Instant now) {
    int limit = rateLimitPerSecond;
    if (limit <= 0) {
      return false;
    }
    synchronized (rateLock) {
      long second = now.getEpochSecond();
      if (second != rateWindow) {
        rateWindow = second;
        rateCount = 0;
      }
      return ++rateCount > limit;
    }
  }

  private static void requireMethod(String method, String expected) {
    if (!method.equals(expected)) {
      throw methodNotAllowed();
    }
  }

  private static void requireSingle(int n) {
    if (n != 1) {
      throw notFoundRoute();
    }
  }

  private static ApiError notFoundRoute() {
    return new ApiError(404, "not_found_error", "404 Not Found: The requested URL was not found on"
        + " the server. If you entered the URL manually please check your spelling and try again.");
  }

  private static ApiError methodNotAllowed() {
    return new ApiError(405, "method_not_allowed_error",
        "405 Method Not Allowed: The method is not allowed for the requested URL.");
  }

  private static JsonNode jsonBody(HttpExchange ex) throws IOException {
    String ct = ex.getRequestHeaders().getFirst("Content-Type");
    if (ct == null || !ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiError(415, "unsupported_content_type_error",
          "Content type must be application/json");
    }
    byte[] raw;
    try (InputStream in = ex.getRequestBody()) {
      raw = in.readAllBytes();
    }
    if (raw.length == 0) {
      return Json.MAPPER.createObjectNode();
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(raw);
    } catch (IOException e) {
      throw ApiError.badParameters("Failed to decode JSON object: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (node == null || !node.isObject()) {
      throw ApiError.badParameters("Request body must be a JSON object");
    }
    return node;
  }

  /** §1.1: JSON bool or "true"/"false" in any case; anything else, {@code null} included, is 400. */
  static boolean bool(JsonNode body, String name, boolean dflt) {
    JsonNode n = body.get(name);
    if (n == null) {
      return dflt;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isTextual()) {
      String s = n.asText().toLowerCase(java.util.Locale.ROOT);
      if (s.equals("true") || s.equals("false")) {
        return s.equals("true");
      }
    }
    throw ApiError.badParameters(name + " must be <true/false>, got " + pyRepr(n));
  }

  private static String pyRepr(JsonNode n) {
    if (n.getNodeType() == JsonNodeType.NULL) {
      return "None";
    }
    return n.isTextual() ? n.asText() : n.toString();
  }

  static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return q;
  }

  private void outage(HttpExchange ex, OutageMode mode) throws IOException {
    if (mode == OutageMode.HTTP_502_HTML) {
      html(ex, 502, "502 Bad Gateway");
    }
    // DROP_CONNECTIONS: handle() closes the exchange before any header is sent, which closes the
    // socket.
  }

  private static void html(HttpExchange ex, int status, String title) throws IOException {
    byte[] body = ("<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>"
        + title + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
        .getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/html");
    ex.getResponseHeaders().set("Server", "nginx");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static void json(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = Json.bytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void trySend(HttpExchange ex, int status, Object body) {
    try {
      json(ex, status, body);
    } catch (IOException | RuntimeException e) {
      log.debug("could not send error response: {}", e.toString());
    }
  }
}
