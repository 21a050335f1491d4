package io.cfychatops.cloudify.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfychatops.cloudify.CancelAction;
import io.cfychatops.cloudify.CloudifyClient;
import io.cfychatops.cloudify.CloudifyException;
import io.cfychatops.cloudify.ClusterStatus;
import io.cfychatops.cloudify.CreateOptions;
import io.cfychatops.cloudify.DownloadResult;
import io.cfychatops.cloudify.Execution;
import io.cfychatops.cloudify.ExecutionEvent;
import io.cfychatops.cloudify.ListQuery;
import io.cfychatops.cloudify.ListResult;
import io.cfychatops.cloudify.MaintenanceChange;
import io.cfychatops.cloudify.MaintenanceState;
import io.cfychatops.cloudify.ManagerConnection;
import io.cfychatops.cloudify.ManagerStatus;
import io.cfychatops.cloudify.RestoreOptions;
import io.cfychatops.cloudify.RestoreStarted;
import io.cfychatops.cloudify.RestoreStatus;
import io.cfychatops.cloudify.Snapshot;
import io.cfychatops.cloudify.SnapshotId;
import io.cfychatops.cloudify.UploadResult;
import io.cfychatops.cloudify.VersionInfo;
import io.cfychatops.concurrent.Sleeper;
import io.cfychatops.http.Tls;
import io.cfychatops.json.Json;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CloudifyClient} over OkHttp and Jackson: one instance per manager and credentials.
 * Idempotent GETs are retried according to the {@link RetryPolicy} (transport errors, 502, non-JSON
 * 503/504); PUT, POST and DELETE never are. Cross-cutting concerns (auth, tenant, maintenance
 * bypass, redacted logging) are {@link Interceptors}; error mapping is {@link ErrorMapper}; JSON
 * mapping is {@link Models}; the request cycle is {@link Exchange}. Logs go to the {@code
 * io.cfychatops.cloudify.CloudifyClient} category.
 */
public final class HttpCloudifyClient implements CloudifyClient {

  private static final Logger log = LoggerFactory.getLogger(CloudifyClient.class);

  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  private static final Pattern EXECUTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,255}");
  private static final Pattern ARCHIVE_URL_SCHEME = Pattern.compile("(?i)https?|ftp");

  private final ManagerConnection connection;
  private final Exchange exchange;
  private final ContentRequests contents;

  private HttpCloudifyClient(Builder b) {
    this.connection = b.connection;
    HttpUrl base = HttpUrl.get(connection.baseUrl().toString());
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
      X509TrustManager tm = trustAll();
      ob.sslSocketFactory(Tls.sslContext(tm).getSocketFactory(), tm)
          .hostnameVerifier((h, s) -> true);
    } else if (connection.caCertPem() != null) {
      X509TrustManager tm = Tls.trustManagerFromPem(connection.caCertPem());
      ob.sslSocketFactory(Tls.sslContext(tm).getSocketFactory(), tm);
    }
    this.exchange = new Exchange(connection.name(), ob.build(), base, b.retryPolicy, b.sleeper);
    this.contents = new ContentRequests(exchange);
  }

  /** Client with the default retry policy and a real sleeper. */
  public static HttpCloudifyClient create(ManagerConnection connection) {
    return builder(connection).build();
  }

  public static Builder builder(ManagerConnection connection) {
    return new Builder(connection);
  }

  @Override
  public ManagerConnection connection() {
    return connection;
  }

  // ---------------------------------------------------------------- snapshots

  @Override
  public ListResult<Snapshot> listSnapshots(ListQuery query) {
    return exchange.list("snapshots", query, null, Models::snapshot, Interceptors.Flags.DEFAULT);
  }

  @Override
  public Snapshot getSnapshot(SnapshotId id) {
    return Models.snapshot(
        exchange.getJson(exchange.url("snapshots", id.value()), Interceptors.Flags.DEFAULT));
  }

  @Override
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
    Request req =
        Exchange.request(exchange.url("snapshots", id.value()), Interceptors.Flags.DEFAULT)
            .put(Exchange.jsonBody(body))
            .build();
    return Models.execution(
        Exchange.requireObject(
            exchange.send(req, false, Exchange::is2xx, Exchange.jsonReader()), req));
  }

  @Override
  public Optional<Snapshot> deleteSnapshot(SnapshotId id) {
    Request req =
        Exchange.request(exchange.url("snapshots", id.value()), Interceptors.Flags.DEFAULT)
            .delete()
            .build();
    JsonNode n = exchange.send(req, false, Exchange::is2xx, Exchange.jsonReader());
    return n != null && n.isObject() && Json.text(n, "id") != null
        ? Optional.of(Models.snapshot(n))
        : Optional.empty();
  }

  @Override
  public DownloadResult downloadSnapshot(SnapshotId id, OutputStream out) {
    Objects.requireNonNull(out, "out");
    Request req =
        Exchange.request(
                exchange.url("snapshots", id.value(), "archive"), Interceptors.Flags.DEFAULT)
            .get()
            .build();
    return exchange.send(
        req, true, Exchange::is2xx, response -> ArchiveDownload.copyHashing(response, out, req));
  }

  @Override
  public DownloadResult downloadSnapshot(SnapshotId id, Path target) {
    return ArchiveDownload.toFile(target, out -> downloadSnapshot(id, out));
  }

  @Override
  public UploadResult uploadSnapshot(SnapshotId id, Path archive) {
    if (!Files.isRegularFile(archive) || !Files.isReadable(archive)) {
      throw new IllegalArgumentException(
          "Snapshot archive `" + archive + "` is not a readable file");
    }
    Request req =
        Exchange.request(
                exchange.url("snapshots", id.value(), "archive"), Interceptors.Flags.DEFAULT)
            .put(RequestBody.create(archive.toFile(), OCTET_STREAM))
            .build();
    return uploadResult(exchange.send(req, false, Exchange::is2xx, Exchange.jsonReader()));
  }

  @Override
  public UploadResult uploadSnapshotFromUrl(SnapshotId id, URI archiveUrl) {
    Objects.requireNonNull(archiveUrl, "archiveUrl");
    if (archiveUrl.getScheme() == null
        || !ARCHIVE_URL_SCHEME.matcher(archiveUrl.getScheme()).matches()) {
      throw new IllegalArgumentException(
          "snapshot archive URL must be http, https or ftp, got scheme `"
              + archiveUrl.getScheme()
              + "`");
    }
    HttpUrl url =
        exchange
            .url("snapshots", id.value(), "archive")
            .newBuilder()
            .addQueryParameter("snapshot_archive_url", archiveUrl.toString())
            .build();
    Request req =
        Exchange.request(url, Interceptors.Flags.DEFAULT)
            .put(RequestBody.create(new byte[0], null))
            .build();
    return uploadResult(exchange.send(req, false, Exchange::is2xx, Exchange.jsonReader()));
  }

  @Override
  public RestoreStarted restoreSnapshot(SnapshotId id, RestoreOptions options) {
    Objects.requireNonNull(options, "options");
    ObjectNode body = Json.object();
    body.put("force", options.force());
    body.put("restore_certificates", options.restoreCertificates());
    body.put("no_reboot", options.noReboot());
    body.put("recreate_deployments_envs", true);
    body.put("ignore_plugin_failure", options.ignorePluginFailure());
    Request req =
        Exchange.request(
                exchange.url("snapshots", id.value(), "restore"),
                new Interceptors.Flags(false, true, false))
            .post(Exchange.jsonBody(body))
            .build();
    JsonNode n =
        Exchange.requireObject(
            exchange.send(req, false, Exchange::is2xx, Exchange.jsonReader()), req);
    if (Json.text(n, "id") == null) {
      throw new CloudifyException(
          200, null, "Restore response has no execution id", Interceptors.describe(req));
    }
    return Models.restoreStarted(n);
  }

  @Override
  public RestoreStatus snapshotStatus() {
    JsonNode n =
        exchange.getJson(
            exchange.url("snapshot-status"), new Interceptors.Flags(true, true, false));
    String status = Json.text(n, "status");
    try {
      return RestoreStatus.fromWire(status);
    } catch (IllegalArgumentException e) {
      throw new CloudifyException(
          200, null, e.getMessage(), "GET " + exchange.url("snapshot-status").encodedPath());
    }
  }

  // ---------------------------------------------------------------- executions

  @Override
  public Execution getExecution(String executionId, boolean bypassMaintenance) {
    HttpUrl url = exchange.url("executions", checkExecutionId(executionId));
    return Models.execution(
        exchange.getJson(url, new Interceptors.Flags(false, false, bypassMaintenance)));
  }

  @Override
  public ListResult<Execution> listExecutions(
      ListQuery query, boolean includeSystemWorkflows, boolean bypassMaintenance) {
    return exchange.list(
        "executions",
        query,
        includeSystemWorkflows ? "_include_system_workflows" : null,
        Models::execution,
        new Interceptors.Flags(false, false, bypassMaintenance));
  }

  @Override
  public Execution cancelExecution(String executionId, CancelAction action) {
    Objects.requireNonNull(action, "action");
    ObjectNode body = Json.object().put("action", action.wireValue());
    Request req =
        Exchange.request(
                exchange.url("executions", checkExecutionId(executionId)),
                Interceptors.Flags.DEFAULT)
            .post(Exchange.jsonBody(body))
            .build();
    return Models.execution(
        Exchange.requireObject(
            exchange.send(req, false, Exchange::is2xx, Exchange.jsonReader()), req));
  }

  @Override
  public Execution startExecution(String tenant, String deploymentId, String workflowId) {
    return contents.startExecution(tenant, deploymentId, workflowId);
  }

  @Override
  public List<ExecutionEvent> executionEvents(
      String executionId, Map<String, String> filters, int limit, boolean bypass) {
    return contents.executionEvents(checkExecutionId(executionId), filters, limit, bypass);
  }

  // ---------------------------------------------------------------- contents

  @Override
  public Map<String, Long> summaryByTenant(String type, boolean bypass) {
    return contents.summaryByTenant(type, bypass);
  }

  @Override
  public long total(String resource, boolean bypass) {
    return contents.total(resource, bypass);
  }

  @Override
  public Map<String, Long> countByTenant(String resource, boolean bypass) {
    return contents.countByTenant(resource, bypass);
  }

  @Override
  public boolean exists(String resource, String tenant, String id, boolean bypass) {
    return contents.exists(resource, tenant, id, bypass);
  }

  // ---------------------------------------------------------------- maintenance

  @Override
  public MaintenanceState getMaintenance() {
    return Models.maintenance(
        exchange.getJson(exchange.url("maintenance"), Interceptors.Flags.DEFAULT));
  }

  @Override
  public MaintenanceChange activateMaintenance() {
    return maintenanceAction("activate");
  }

  @Override
  public MaintenanceChange deactivateMaintenance() {
    return maintenanceAction("deactivate");
  }

  private MaintenanceChange maintenanceAction(String action) {
    Request req =
        Exchange.request(exchange.url("maintenance", action), Interceptors.Flags.DEFAULT)
            .post(RequestBody.create(new byte[0], null))
            .build();
    Object[] code = new Object[1];
    JsonNode n =
        exchange.send(
            req,
            false,
            c -> Exchange.is2xx(c) || c == 304,
            r -> {
              code[0] = r.code();
              return r.code() == 304 ? null : Json.tryParse(Exchange.bodyString(r));
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

  @Override
  public ManagerStatus status() {
    return Models.managerStatus(exchange.getStatusJson(exchange.url("status")));
  }

  @Override
  public ClusterStatus clusterStatus(boolean summary) {
    HttpUrl url = exchange.url("cluster-status");
    if (summary) {
      url = url.newBuilder().addQueryParameter("summary", "true").build();
    }
    return Models.clusterStatus(exchange.getStatusJson(url));
  }

  @Override
  public VersionInfo version() {
    return Models.version(exchange.getJson(exchange.url("version"), Interceptors.Flags.DEFAULT));
  }

  /** Releases the connection pool and dispatcher threads. */
  @Override
  public void close() {
    exchange.shutdown();
  }

  @Override
  public String toString() {
    return "CloudifyClient[" + connection.name() + " " + exchange.apiBase() + "]";
  }

  // ---------------------------------------------------------------- internals

  private UploadResult uploadResult(JsonNode n) {
    if (Models.allNull(n)) {
      return UploadResult.overwrote();
    }
    return UploadResult.created(Models.snapshot(n));
  }

  private static void putIfSet(ObjectNode body, String field, Boolean value) {
    if (value != null) {
      body.put(field, value.booleanValue());
    }
  }

  private static String checkExecutionId(String id) {
    if (id == null || !EXECUTION_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "Invalid execution id `" + id + "`: expected letters, digits, '.', '_' or '-' (a UUID)");
    }
    return id;
  }

  /** Trusts every certificate: only when the configuration says {@code trustAll}. */
  private static X509TrustManager trustAll() {
    return new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
  }

  /** Builder for {@link HttpCloudifyClient}. */
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
    public HttpCloudifyClient build() {
      return new HttpCloudifyClient(this);
    }
  }
}
