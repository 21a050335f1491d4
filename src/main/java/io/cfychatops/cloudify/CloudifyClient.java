package io.cfychatops.cloudify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfychatops.concurrent.Sleeper;
import io.cfychatops.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client for one Cloudify Manager with one set of credentials, REST API v3.1.
 *
 * <p><b>Contract.</b> Immutable and thread-safe. Every method either returns a value or throws a
 * {@link CloudifyException} subclass: {@link TransportException} when no response arrived,
 * otherwise a type chosen from the HTTP status and {@code error_code}. Idempotent GETs are retried
 * according to the {@link RetryPolicy} (transport errors, 502, non-JSON 503/504); PUT, POST and
 * DELETE are never retried. Arguments are validated before any request is sent ({@link
 * IllegalArgumentException}, {@link NullPointerException}).
 *
 * <p><b>Secrets.</b> Credentials go only into request headers, added by an interceptor; they never
 * appear in logs or exception messages. Execution parameters (which contain the DB password) are not
 * kept. Redirects are not followed, so credentials are never sent to another host.
 */
public final class CloudifyClient implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CloudifyClient.class);

  private static final MediaType JSON = MediaType.get("application/json");
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  private static final Pattern EXECUTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,255}");
  private static final Pattern ARCHIVE_URL_SCHEME = Pattern.compile("(?i)https?|ftp");
  private static final int COPY_BUFFER = 256 * 1024;

  private final ManagerConnection connection;
  private final OkHttpClient http;
  private final HttpUrl apiBase;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;

  private CloudifyClient(Builder b) {
    this.connection = b.connection;
    this.retryPolicy = b.retryPolicy;
    this.sleeper = b.sleeper;
    HttpUrl base = HttpUrl.get(connection.baseUrl().toString());
    this.apiBase = base.newBuilder().addPathSegment("api").addPathSegment("v3.1").build();
    OkHttpClient.Builder ob =
        new OkHttpClient.Builder()
            .connectTimeout(connection.connectTimeout())
            .readTimeout(connection.readTimeout())
            .writeTimeout(connection.readTimeout())
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .addInterceptor(new Interceptors.Logging(connection.name()))
            .addInterceptor(new Interceptors.Tenant(connection.tenant()))
            .addInterceptor(new Interceptors.Auth(connection.credentials()));
    if (connection.trustAll()) {
      log.warn(
          "[{}] TLS certificate and hostname verification are DISABLED (trustAll=true) for {}",
          connection.name(),
          base.host());
      var tm = Tls.trustAll();
      ob.sslSocketFactory(Tls.sslContext(tm).getSocketFactory(), tm).hostnameVerifier((h, s) -> true);
    } else if (connection.caCertPem() != null) {
      var tm = Tls.trustManagerFromPem(connection.caCertPem());
      ob.sslSocketFactory(Tls.sslContext(tm).getSocketFactory(), tm);
    }
    this.http = ob.build();
  }

  /** Client with the default retry policy and a real sleeper. */
  public static CloudifyClient create(ManagerConnection connection) {
    return builder(connection).build();
  }

  public static Builder builder(ManagerConnection connection) {
    return new Builder(connection);
  }

  public ManagerConnection connection() {
    return connection;
  }

  // ---------------------------------------------------------------- snapshots

  /** {@code GET /snapshots}, following pagination until {@code total} (or the query's limit). */
  public ListResult<Snapshot> listSnapshots(ListQuery query) {
    return list("snapshots", query, null, Models::snapshot);
  }

  /** {@code GET /snapshots/<id>}; 404 → {@link NotFoundException}. */
  public Snapshot getSnapshot(SnapshotId id) {
    return Models.snapshot(getJson(url("snapshots", id.value()), Interceptors.Flags.DEFAULT));
  }

  /**
   * {@code PUT /snapshots/<id>}: starts a {@code create_snapshot} execution (201). The execution may
   * be {@code queued}. The snapshot row is {@code creating} until the workflow updates it, possibly
   * after the execution ended: re-read the snapshot when the execution is terminal.
   *
   * @throws ConflictException the id already exists
   * @throws BadRequestException e.g. {@code existing_running_execution_error}
   * @throws MaintenanceModeException maintenance mode is activating
   */
  public Execution createSnapshot(SnapshotId id, CreateOptions options) {
    Objects.requireNonNull(options, "options");
    ObjectNode body = Json.object();
    putIfSet(body, "include_credentials", options.includeCredentials());
    putIfSet(body, "include_logs", options.includeLogs());
    putIfSet(body, "include_events", options.includeEvents());
    putIfSet(body, "queue", options.queue());
    if (options.tempdirPath() != null) {
      body.put("tempdir_path", options.tempdirPath());
    }
    putIfSet(body, "legacy", options.legacy());
    if (options.listenerTimeoutSeconds() != null) {
      body.put("listener_timeout", options.listenerTimeoutSeconds());
    }
    Request req = request(url("snapshots", id.value()), Interceptors.Flags.DEFAULT).put(jsonBody(body)).build();
    return Models.execution(requireObject(send(req, false, CloudifyClient::is2xx, jsonReader()), req));
  }

  /**
   * {@code DELETE /snapshots/<id>}. Servers answer 200 with the deleted snapshot (or 204 per the
   * docs); both succeed.
   *
   * @return the deleted snapshot when the server sent it
   */
  public Optional<Snapshot> deleteSnapshot(SnapshotId id) {
    Request req = request(url("snapshots", id.value()), Interceptors.Flags.DEFAULT).delete().build();
    JsonNode n = send(req, false, CloudifyClient::is2xx, jsonReader());
    return n != null && n.isObject() && Json.text(n, "id") != null
        ? Optional.of(Models.snapshot(n))
        : Optional.empty();
  }

  /**
   * {@code GET /snapshots/<id>/archive}, streamed into {@code out} in constant memory, hashing on
   * the way. {@code out} is flushed, not closed. Retried (GET) only while no byte has been written;
   * a failure mid-stream throws {@link TransportException} and leaves partial data in {@code out}.
   *
   * @throws BadRequestException {@code snapshot_action_error} for a failed snapshot
   * @throws UncheckedIOException writing to {@code out} failed
   */
  public DownloadResult downloadSnapshot(SnapshotId id, OutputStream out) {
    Objects.requireNonNull(out, "out");
    Request req = request(url("snapshots", id.value(), "archive"), Interceptors.Flags.DEFAULT).get().build();
    return send(req, true, CloudifyClient::is2xx, response -> copyHashing(response, out, req));
  }

  /**
   * Downloads into {@code target}: writes a temporary file in the same directory, forces it to disk,
   * then atomically renames it over {@code target}. On failure the temporary file is deleted and
   * {@code target} is untouched.
   */
  public DownloadResult downloadSnapshot(SnapshotId id, Path target) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".part");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary file in " + dir, e);
    }
    boolean done = false;
    try {
      DownloadResult result;
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream os = Channels.newOutputStream(ch)) {
        result = downloadSnapshot(id, os);
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write snapshot archive to " + abs, e);
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          log.warn("Cannot delete temporary file {}: {}", tmp, e.toString());
        }
      }
    }
  }

  /**
   * {@code PUT /snapshots/<id>/archive} with the file streamed as raw bytes. The server does not
   * validate the archive (restore does).
   *
   * @return the new {@code uploaded} snapshot, or {@link UploadResult#overwrote()} when the id
   *     already existed (the archive was replaced, the row kept)
   */
  public UploadResult uploadSnapshot(SnapshotId id, Path archive) {
    if (!Files.isRegularFile(archive) || !Files.isReadable(archive)) {
      throw new IllegalArgumentException("Snapshot archive `" + archive + "` is not a readable file");
    }
    Request req =
        request(url("snapshots", id.value(), "archive"), Interceptors.Flags.DEFAULT)
            .put(RequestBody.create(archive.toFile(), OCTET_STREAM))
            .build();
    return uploadResult(send(req, false, CloudifyClient::is2xx, jsonReader()));
  }

  /**
   * {@code PUT /snapshots/<id>/archive?snapshot_archive_url=...}: the manager fetches the archive
   * itself. Only http, https and ftp URLs are accepted (as on the server).
   */
  public UploadResult uploadSnapshotFromUrl(SnapshotId id, URI archiveUrl) {
    Objects.requireNonNull(archiveUrl, "archiveUrl");
    if (archiveUrl.getScheme() == null || !ARCHIVE_URL_SCHEME.matcher(archiveUrl.getScheme()).matches()) {
      throw new IllegalArgumentException(
          "snapshot archive URL must be http, https or ftp, got scheme `" + archiveUrl.getScheme() + "`");
    }
    HttpUrl url =
        url("snapshots", id.value(), "archive").newBuilder()
            .addQueryParameter("snapshot_archive_url", archiveUrl.toString())
            .build();
    Request req =
        request(url, Interceptors.Flags.DEFAULT).put(RequestBody.create(new byte[0], null)).build();
    return uploadResult(send(req, false, CloudifyClient::is2xx, jsonReader()));
  }

  /**
   * {@code POST /snapshots/<id>/restore} with the portable body (cloudify-api.md §3.7) and, like the
   * CLI, <b>no Tenant header</b>. HTTP 200 only means the workflow was started: it can still fail
   * (poll the execution), and a legacy restore takes the REST service down (502, resets) and may
   * invalidate these credentials. Poll {@link #snapshotStatus()} until {@code NOT_RUNNING}.
   *
   * @throws BadRequestException {@code existing_running_execution_error} or {@code
   *     snapshot_action_error}
   */
  public RestoreStarted restoreSnapshot(SnapshotId id, RestoreOptions options) {
    Objects.requireNonNull(options, "options");
    ObjectNode body = Json.object();
    body.put("force", options.force());
    body.put("restore_certificates", options.restoreCertificates());
    body.put("no_reboot", options.noReboot());
    body.put("recreate_deployments_envs", true);
    body.put("ignore_plugin_failure", options.ignorePluginFailure());
    Request req =
        request(url("snapshots", id.value(), "restore"), new Interceptors.Flags(false, true, false))
            .post(jsonBody(body))
            .build();
    JsonNode n = requireObject(send(req, false, CloudifyClient::is2xx, jsonReader()), req);
    if (Json.text(n, "id") == null) {
      throw new CloudifyException(200, null, "Restore response has no execution id", Interceptors.describe(req));
    }
    return Models.restoreStarted(n);
  }

  /**
   * {@code GET /snapshot-status}. Unauthenticated on the server, so no credentials (and no tenant)
   * are sent: it keeps working while a restore swaps the users and secrets.
   */
  public RestoreStatus snapshotStatus() {
    JsonNode n = getJson(url("snapshot-status"), new Interceptors.Flags(true, true, false));
    String status = Json.text(n, "status");
    try {
      return RestoreStatus.fromWire(status);
    } catch (IllegalArgumentException e) {
      throw new CloudifyException(200, null, e.getMessage(), "GET " + url("snapshot-status").encodedPath());
    }
  }

  // ---------------------------------------------------------------- executions

  public Execution getExecution(String executionId) {
    return getExecution(executionId, false);
  }

  /**
   * {@code GET /executions/<id>}.
   *
   * @param bypassMaintenance send {@code X-BYPASS-MAINTENANCE: true}: while maintenance is
   *     activated this endpoint is otherwise rejected with 503; honoured for sys_admin only
   */
  public Execution getExecution(String executionId, boolean bypassMaintenance) {
    HttpUrl url = url("executions", checkExecutionId(executionId));
    return Models.execution(getJson(url, new Interceptors.Flags(false, false, bypassMaintenance)));
  }

  /**
   * {@code GET /executions}, following pagination.
   *
   * @param includeSystemWorkflows sends {@code _include_system_workflows=true}; without it the
   *     server hides snapshot workflows ({@code create_snapshot}, {@code restore_snapshot})
   */
  public ListResult<Execution> listExecutions(ListQuery query, boolean includeSystemWorkflows) {
    return listExecutions(query, includeSystemWorkflows, false);
  }

  /**
   * As {@link #listExecutions(ListQuery, boolean)}; {@code bypassMaintenance} sends {@code
   * X-BYPASS-MAINTENANCE: true} (while maintenance is activated the list is otherwise refused with
   * 503; honoured for sys_admin only).
   */
  public ListResult<Execution> listExecutions(ListQuery query, boolean includeSystemWorkflows, boolean bypassMaintenance) {
    return list("executions", query, includeSystemWorkflows ? "_include_system_workflows" : null, Models::execution,
        new Interceptors.Flags(false, false, bypassMaintenance));
  }

  /**
   * {@code POST /executions/<id>} with {@code {"action": ...}}. Returns the execution, typically in
   * a cancelling state; it reaches {@code cancelled} (or {@code terminated}) later.
   *
   * @throws BadRequestException {@code illegal_action_error} when not cancellable in its state
   */
  public Execution cancelExecution(String executionId, CancelAction action) {
    Objects.requireNonNull(action, "action");
    ObjectNode body = Json.object().put("action", action.wireValue());
    Request req =
        request(url("executions", checkExecutionId(executionId)), Interceptors.Flags.DEFAULT)
            .post(jsonBody(body))
            .build();
    return Models.execution(requireObject(send(req, false, CloudifyClient::is2xx, jsonReader()), req));
  }

  // ---------------------------------------------------------------- maintenance

  /** {@code GET /maintenance}. Also what flips {@code activating} to {@code activated} on the server. */
  public MaintenanceState getMaintenance() {
    return Models.maintenance(getJson(url("maintenance"), Interceptors.Flags.DEFAULT));
  }

  /**
   * {@code POST /maintenance/activate}. The result may be {@code activating}: activation completes
   * lazily once no execution is running or waiting, so poll {@link #getMaintenance()} until {@link
   * MaintenanceState#isActivated()} (the CLI polls every 5 s). Already activating/activated (304) is
   * not an error: {@code changed=false} with the state re-read by GET.
   */
  public MaintenanceChange activateMaintenance() {
    return maintenanceAction("activate");
  }

  /** {@code POST /maintenance/deactivate}; 304 (already off) gives {@code changed=false}. */
  public MaintenanceChange deactivateMaintenance() {
    return maintenanceAction("deactivate");
  }

  private MaintenanceChange maintenanceAction(String action) {
    Request req =
        request(url("maintenance", action), Interceptors.Flags.DEFAULT)
            .post(RequestBody.create(new byte[0], null))
            .build();
    Object[] code = new Object[1];
    JsonNode n =
        send(
            req,
            false,
            c -> is2xx(c) || c == 304,
            r -> {
              code[0] = r.code();
              return r.code() == 304 ? null : Json.tryParse(bodyString(r));
            });
    if (Integer.valueOf(304).equals(code[0])) {
      log.debug("[{}] maintenance {}: already in that state (304)", connection.name(), action);
      return new MaintenanceChange(false, getMaintenance());
    }
    if (n == null || !n.isObject() || Json.text(n, "status") == null) {
      // Response shape unusable: the GET is the source of truth anyway.
      return new MaintenanceChange(true, getMaintenance());
    }
    return new MaintenanceChange(true, Models.maintenance(n));
  }

  // ---------------------------------------------------------------- status

  /** {@code GET /status}. A 500 carrying a status body is parsed (status {@code Fail}), not thrown. */
  public ManagerStatus status() {
    return Models.managerStatus(getStatusJson(url("status")));
  }

  public ClusterStatus clusterStatus() {
    return clusterStatus(false);
  }

  /**
   * {@code GET /cluster-status[?summary=true]}. With {@code summary=true} the server answers HTTP 500
   * when the cluster is {@code Fail}; that body is parsed and returned, not thrown.
   */
  public ClusterStatus clusterStatus(boolean summary) {
    HttpUrl url = url("cluster-status");
    if (summary) {
      url = url.newBuilder().addQueryParameter("summary", "true").build();
    }
    return Models.clusterStatus(getStatusJson(url));
  }

  /** {@code GET /version}. */
  public VersionInfo version() {
    return Models.version(getJson(url("version"), Interceptors.Flags.DEFAULT));
  }

  /** Releases the connection pool and dispatcher threads. */
  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return "CloudifyClient[" + connection.name() + " " + apiBase + "]";
  }

  // ---------------------------------------------------------------- internals

  private <T> ListResult<T> list(
      String resource, ListQuery q, String trueFlag, Function<JsonNode, T> parser) {
    return list(resource, q, trueFlag, parser, Interceptors.Flags.DEFAULT);
  }

  private <T> ListResult<T> list(
      String resource, ListQuery q, String trueFlag, Function<JsonNode, T> parser, Interceptors.Flags flags) {
    Objects.requireNonNull(q, "query");
    List<T> items = new ArrayList<>();
    int offset = 0;
    long total;
    while (true) {
      int size = q.limit() > 0 ? Math.min(q.pageSize(), q.limit() - items.size()) : q.pageSize();
      HttpUrl.Builder b = url(resource).newBuilder();
      if (!q.include().isEmpty()) {
        b.addQueryParameter("_include", String.join(",", q.include()));
      }
      q.sort().forEach(s -> b.addQueryParameter("_sort", s));
      if (q.search() != null) {
        b.addQueryParameter("_search", q.search());
      }
      q.filters().forEach((k, vs) -> vs.forEach(v -> b.addQueryParameter(k, v)));
      if (q.allTenants()) {
        b.addQueryParameter("_all_tenants", "true");
      }
      if (trueFlag != null) {
        b.addQueryParameter(trueFlag, "true");
      }
      b.addQueryParameter("_offset", Integer.toString(offset));
      b.addQueryParameter("_size", Integer.toString(size));
      HttpUrl url = b.build();
      JsonNode env = getJson(url, flags);
      JsonNode page = env.get("items");
      if (page == null || !page.isArray()) {
        throw new CloudifyException(200, null, "List response has no `items` array", "GET " + url.encodedPath());
      }
      for (JsonNode item : page) {
        if (q.limit() > 0 && items.size() >= q.limit()) {
          break;
        }
        items.add(parser.apply(item));
      }
      offset += page.size();
      total = Models.paginationTotal(env, offset);
      if (page.size() == 0 || offset >= total || (q.limit() > 0 && items.size() >= q.limit())) {
        break;
      }
    }
    return new ListResult<>(items, total);
  }

  private JsonNode getJson(HttpUrl url, Interceptors.Flags flags) {
    Request req = request(url, flags).get().build();
    return requireObject(send(req, true, CloudifyClient::is2xx, jsonReader()), req);
  }

  /** GET accepting a 500 whose JSON body carries {@code status} (status / cluster-status Fail). */
  private JsonNode getStatusJson(HttpUrl url) {
    Request req = request(url, Interceptors.Flags.DEFAULT).get().build();
    String[] body = new String[1];
    JsonNode n =
        send(
            req,
            true,
            c -> is2xx(c) || c == 500,
            r -> {
              body[0] = bodyString(r);
              JsonNode parsed = Json.tryParse(body[0]);
              if (r.code() == 500 && (parsed == null || Json.text(parsed, "status") == null)) {
                throw ErrorMapper.map(500, body[0], Interceptors.describe(req));
              }
              return parsed;
            });
    return requireObject(n, req);
  }

  private static JsonNode requireObject(JsonNode n, Request req) {
    if (n == null || !n.isObject()) {
      throw new CloudifyException(
          200, null, "Expected a JSON object in the response", Interceptors.describe(req));
    }
    return n;
  }

  private UploadResult uploadResult(JsonNode n) {
    if (Models.allNull(n)) {
      return UploadResult.overwrote();
    }
    return UploadResult.created(Models.snapshot(n));
  }

  @FunctionalInterface
  private interface BodyReader<T> {
    T read(Response response) throws IOException;
  }

  private static BodyReader<JsonNode> jsonReader() {
    return r -> Json.tryParse(bodyString(r));
  }

  private static String bodyString(Response r) throws IOException {
    ResponseBody body = r.body();
    return body == null ? "" : body.string();
  }

  /**
   * Executes {@code req}, mapping failures to {@link CloudifyException}. When {@code idempotent},
   * retries transport errors, 502 and non-JSON 503/504/429 with backoff. A {@link
   * CloudifyException} thrown by {@code reader} propagates without retry.
   */
  private <T> T send(Request req, boolean idempotent, IntPredicate accepted, BodyReader<T> reader) {
    String desc = Interceptors.describe(req);
    int attempt = 0;
    while (true) {
      attempt++;
      CloudifyException failure;
      Duration retryAfter = null;
      try (Response r = http.newCall(req).execute()) {
        if (accepted.test(r.code())) {
          return reader.read(r);
        }
        failure = ErrorMapper.map(r.code(), bodyString(r), desc);
        retryAfter = parseRetryAfter(r.header("Retry-After"));
      } catch (IOException e) {
        failure = new TransportException(describe(e), desc, e);
      }
      boolean retry = idempotent && attempt < retryPolicy.maxAttempts() && isRetryable(failure);
      if (!retry) {
        throw failure;
      }
      Duration delay = retryPolicy.delayBeforeRetry(attempt, retryAfter);
      log.debug(
          "[{}] {} failed (HTTP {}, {}); retry {}/{} in {} ms",
          connection.name(),
          desc,
          failure.httpStatus(),
          failure.getClass().getSimpleName(),
          attempt,
          retryPolicy.maxAttempts() - 1,
          delay.toMillis());
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure.addSuppressed(e);
        throw failure;
      }
    }
  }

  static boolean isRetryable(CloudifyException e) {
    if (e instanceof TransportException) {
      return true;
    }
    if (e instanceof MaintenanceModeException) {
      return false;
    }
    int s = e.httpStatus();
    return s == 502 || (e instanceof ProxyErrorException && (s == 503 || s == 504 || s == 429));
  }

  static Duration parseRetryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      return null; // HTTP-date form: fall back to backoff
    }
  }

  private static String describe(IOException e) {
    String msg = e.getMessage();
    return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  private DownloadResult copyHashing(Response response, OutputStream out, Request req) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ResponseBody body = response.body();
    if (body == null) {
      throw new CloudifyException(response.code(), null, "Archive response has no body", Interceptors.describe(req));
    }
    long total = 0;
    InputStream in = body.byteStream();
    try {
      total = PipelinedCopy.copy(in, out, sha, COPY_BUFFER);
    } catch (PipelinedCopy.ReadFailure e) {
      throw new TransportException(
          "Archive stream broke after " + e.bytesSoFar + " bytes: " + describe(e.io()), Interceptors.describe(req), e.io());
    } finally {
      try {
        in.close();
      } catch (IOException e) {
        log.debug("[{}] closing archive stream: {}", connection.name(), e.toString());
      }
    }
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot flush archive output", e);
    }
    long expected = body.contentLength();
    if (expected >= 0 && expected != total) {
      throw new TransportException(
          "Archive truncated: got " + total + " of " + expected + " bytes", Interceptors.describe(req), null);
    }
    return new DownloadResult(total, HexFormat.of().formatHex(sha.digest()));
  }

  private HttpUrl url(String... segments) {
    HttpUrl.Builder b = apiBase.newBuilder();
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b.build();
  }

  private static Request.Builder request(HttpUrl url, Interceptors.Flags flags) {
    return new Request.Builder().url(url).tag(Interceptors.Flags.class, flags);
  }

  /** Exactly {@code Content-Type: application/json}: the server rejects other values with 415. */
  private static RequestBody jsonBody(JsonNode node) {
    return RequestBody.create(Json.bytes(node), JSON);
  }

  private static void putIfSet(ObjectNode body, String field, Boolean value) {
    if (value != null) {
      body.put(field, value.booleanValue());
    }
  }

  private static boolean is2xx(int code) {
    return code >= 200 && code < 300;
  }

  private static String checkExecutionId(String id) {
    if (id == null || !EXECUTION_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "Invalid execution id `" + id + "`: expected letters, digits, '.', '_' or '-' (a UUID)");
    }
    return id;
  }

  /** Builder for {@link CloudifyClient}. */
  public static final class Builder {
    private final ManagerConnection connection;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Sleeper sleeper = Sleeper.SYSTEM;

    private Builder(ManagerConnection connection) {
      this.connection = Objects.requireNonNull(connection, "connection");
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** How to wait between retries; tests pass a recording no-op. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * @throws IllegalArgumentException when the CA PEM cannot be read
     */
    public CloudifyClient build() {
      return new CloudifyClient(this);
    }
  }
}
