package io.cfychatops.testing;

import io.cfychatops.cloudify.ExecutionStatus;
import io.cfychatops.cloudify.HealthStatus;
import io.cfychatops.cloudify.SnapshotStatus;
import io.cfychatops.ops.ManagerPort;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The one in-memory, clock-driven manager behind {@link ManagerPort}, with Cloudify's timing quirks
 * (queued executions, lazy maintenance flip, restore outage, snapshot-status lag, the snapshot row
 * settling after its execution ends) and fault injection. For runbook and nightly unit tests; flows
 * over real HTTP use the simulator. One instance is one manager (the {@code manager} argument is
 * ignored); {@link #fleet} routes several by name. The streaming download (the nightly's) writes a
 * real snapshot-like zip of {@link #archiveBytes} bytes.
 */
public final class FakeManager implements ManagerPort {
  public static final String DB_PASSWORD = "Sup3r-S3cret-DB-pw";

  final Clock clock;
  public final Map<String, Snap> snapshots = new LinkedHashMap<>();
  public final Map<String, Exec> executions = new LinkedHashMap<>();
  final Map<String, Integer> calls = new ConcurrentHashMap<>();
  String maintenance = "deactivated";
  public Duration createDuration = Duration.ofSeconds(20);
  public Duration restoreDuration = Duration.ofSeconds(120);
  public Duration outageStart = Duration.ofSeconds(10);
  public Duration outageDuration = Duration.ofSeconds(60);
  public boolean outageAsRefused;
  public String createError;
  public String restoreError;
  public ClusterInfo cluster =
      new ClusterInfo(
          "OK",
          java.util.Map.of("manager", "OK"),
          List.of(new NodeInfo("manager", "m1", "OK", true)));
  public String version = "7.0.4";
  public boolean statusOk = true;

  /** An extra execution that never ends (keeps maintenance activating). */
  public boolean stuckExecution;

  public double errorRate;

  /** The flags of the last restore request, or null. */
  public RestoreFlags lastRestoreFlags;

  public final Random random = new Random(42);

  /** The snapshot row stays {@code creating} this long after its execution ended (§9.2). */
  public Duration snapshotLag = Duration.ZERO;

  /** Size of the zip the streaming download writes. */
  public long archiveBytes = 64 * 1024;

  /** The create execution fails with this error (and a traceback on the next lines). */
  public String failExecutionWith;

  public RuntimeException failCreateWith;
  public RuntimeException failDownloadWith;

  /** Called (on the caller's thread) when a snapshot is created; to act "during" a run. */
  public Consumer<String> onCreate = id -> {};

  /** What {@link #contentCounts} answers. */
  public ContentCounts contents = new ContentCounts(Map.of());

  /** What {@link #executionErrors} answers, per execution id (none: no errors). */
  public final Map<String, List<ExecutionError>> executionErrors = new ConcurrentHashMap<>();

  /** Entities {@link #canRead} finds, as {@code tenant/KIND/id} ({@link #readable}). */
  public final java.util.Set<String> readableEntities = ConcurrentHashMap.newKeySet();

  /** {@code tenant/deployment} of each {@link #installNewAgents} call, in order. */
  public final List<String> agentInstalls = new ArrayList<>();

  private final List<String> deleted = new ArrayList<>();
  Instant outageFrom;
  Instant outageTo;
  Instant restoringUntil;

  /** One snapshot row. */
  public static final class Snap {
    public String status;
    public String error = "";
    public Instant createdAt;
    byte[] archive;

    Snap(String status) {
      this.status = status;
    }
  }

  /** One execution. */
  public static final class Exec {
    public final String id = UUID.randomUUID().toString();
    public String workflow;
    public String snapshot;
    Instant start;
    Instant end;
    String error;
    boolean cancelled;
  }

  public FakeManager(Clock clock) {
    this.clock = clock;
  }

  /** The nightly tests' manager: the given version, snapshots taking 30 s to create. */
  public FakeManager(Clock clock, String version) {
    this(clock);
    this.version = version;
    this.createDuration = Duration.ofSeconds(30);
  }

  /** A port over several fakes, each answering for its manager name. */
  public static ManagerPort fleet(Map<String, FakeManager> managers) {
    return (ManagerPort)
        Proxy.newProxyInstance(
            ManagerPort.class.getClassLoader(),
            new Class<?>[] {ManagerPort.class},
            (proxy, m, args) -> {
              if (m.getDeclaringClass() == Object.class) {
                return m.invoke(managers, args);
              }
              FakeManager target = managers.get((String) args[0]);
              if (target == null) {
                throw new ManagerCallException(
                    Failure.BAD_REQUEST, "", "Unknown manager " + args[0]);
              }
              try {
                return m.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  public FakeManager archiveBytes(long n) {
    this.archiveBytes = n;
    return this;
  }

  public FakeManager creationTime(Duration d) {
    this.createDuration = d;
    return this;
  }

  public FakeManager snapshotLag(Duration d) {
    this.snapshotLag = d;
    return this;
  }

  public FakeManager failExecutionWith(String error) {
    this.failExecutionWith = error;
    return this;
  }

  public FakeManager failCreateWith(RuntimeException e) {
    this.failCreateWith = e;
    return this;
  }

  public FakeManager failDownloadWith(RuntimeException e) {
    this.failDownloadWith = e;
    return this;
  }

  public FakeManager onCreate(Consumer<String> hook) {
    this.onCreate = hook;
    return this;
  }

  /** Adds an existing, created snapshot, e.g. an old nightly. */
  public synchronized void put(String id, Instant createdAt) {
    Snap s = new Snap("created");
    s.createdAt = createdAt;
    s.archive = ("zip of " + id).getBytes(StandardCharsets.UTF_8);
    snapshots.put(id, s);
  }

  /** Ids deleted so far, in order. */
  public synchronized List<String> deleted() {
    return List.copyOf(deleted);
  }

  public synchronized List<String> snapshotIds() {
    return snapshots.keySet().stream().sorted().toList();
  }

  public FakeManager withSnapshot(String id, String status) {
    Snap s = new Snap(status);
    s.archive = ("zip of " + id).getBytes(StandardCharsets.UTF_8);
    snapshots.put(id, s);
    return this;
  }

  public int count(String call) {
    return calls.getOrDefault(call, 0);
  }

  public int total() {
    return calls.values().stream().mapToInt(Integer::intValue).sum();
  }

  public String maintenanceState() {
    return maintenance;
  }

  private Instant now() {
    return clock.instant();
  }

  private synchronized void enter(String call, boolean allowedDuringOutage) {
    calls.merge(call, 1, Integer::sum);
    tickState();
    if (outageFrom != null && !now().isBefore(outageFrom) && now().isBefore(outageTo)) {
      if (outageAsRefused) {
        throw new ManagerCallException(Failure.TRANSPORT, "", "Connection refused");
      }
      throw new ManagerCallException(Failure.PROXY, "", "502 Bad Gateway (nginx HTML)");
    }
    if (errorRate > 0 && random.nextDouble() < errorRate) {
      switch (random.nextInt(4)) {
        case 0 -> throw new ManagerCallException(Failure.PROXY, "", "502 Bad Gateway (nginx HTML)");
        case 1 -> throw new ManagerCallException(Failure.TRANSPORT, "", "Connection refused");
        case 2 -> throw new ManagerCallException(Failure.TRANSPORT, "", "timeout");
        default ->
            throw new ManagerCallException(
                Failure.MAINTENANCE,
                "maintenance_mode_active",
                "Your request was rejected since Cloudify manager is currently in maintenance mode");
      }
    }
  }

  private void tickState() {
    for (Exec e : executions.values()) {
      if (e.workflow.equals("create_snapshot")
          && status(e).isTerminal()
          && (e.end == null || !now().isBefore(e.end.plus(snapshotLag)))) {
        Snap s = snapshots.get(e.snapshot);
        if (s != null && s.status.equals("creating")) {
          s.status = e.error == null ? "created" : "failed";
          s.error = e.error == null ? "" : e.error;
          s.archive = ("zip of " + e.snapshot).getBytes(StandardCharsets.UTF_8);
        }
      }
    }
    if (maintenance.equals("activating") && running().isEmpty()) {
      maintenance = "activated";
    }
  }

  private ExecutionStatus status(Exec e) {
    if (e.cancelled) {
      return ExecutionStatus.CANCELLED;
    }
    if (e.end == null) {
      return now().isBefore(e.start.plusSeconds(1))
          ? ExecutionStatus.PENDING
          : ExecutionStatus.STARTED;
    }
    if (now().isBefore(e.start.plusSeconds(1))) {
      return ExecutionStatus.PENDING;
    }
    if (now().isBefore(e.end)) {
      return ExecutionStatus.STARTED;
    }
    return e.error == null ? ExecutionStatus.TERMINATED : ExecutionStatus.FAILED;
  }

  private List<Exec> running() {
    return executions.values().stream().filter(e -> !status(e).isTerminal()).toList();
  }

  private ExecutionInfo info(Exec e) {
    return new ExecutionInfo(e.id, e.workflow, status(e), e.error, e.snapshot);
  }

  private Exec start(String workflow, String snapshot, Duration d, String error) {
    Exec e = new Exec();
    e.workflow = workflow;
    e.snapshot = snapshot;
    e.start = now();
    e.end = d == null ? null : now().plus(d);
    e.error = error;
    executions.put(e.id, e);
    return e;
  }

  @Override
  public synchronized Optional<SnapshotInfo> getSnapshot(String manager, String id) {
    enter("getSnapshot", false);
    Snap s = snapshots.get(id);
    return s == null ? Optional.empty() : Optional.of(info(id, s));
  }

  private static SnapshotInfo info(String id, Snap s) {
    return new SnapshotInfo(
        id,
        SnapshotStatus.fromWire(s.status),
        s.error,
        s.createdAt == null ? null : s.createdAt.toString());
  }

  public ExecutionInfo createSnapshot(String manager, String id) {
    return createSnapshot(manager, id, CreateFlags.DEFAULT);
  }

  @Override
  public ExecutionInfo createSnapshot(String manager, String id, CreateFlags flags) {
    ExecutionInfo started = create(id);
    onCreate.accept(id);
    return started;
  }

  private synchronized ExecutionInfo create(String id) {
    enter("createSnapshot", false);
    if (failCreateWith != null) {
      throw failCreateWith;
    }
    if (maintenance.equals("activating")) {
      throw new ManagerCallException(
          Failure.MAINTENANCE, "entering_maintenance_mode", "activating");
    }
    if (snapshots.containsKey(id)) {
      throw new ManagerCallException(
          Failure.CONFLICT, "conflict_error", "<Snapshot id=`" + id + "`> already exists");
    }
    Snap created = new Snap("creating");
    created.createdAt = now();
    snapshots.put(id, created);
    String err =
        failExecutionWith != null
            ? failExecutionWith + "\nTraceback ..."
            : createError == null
                ? null
                : createError + " config={'postgresql_password': '" + DB_PASSWORD + "'}";
    return info(start("create_snapshot", id, createDuration, err));
  }

  @Override
  public synchronized ExecutionInfo getExecution(String manager, String id, boolean bypass) {
    enter("getExecution", false);
    if (maintenance.equals("activated") && !bypass) {
      throw new ManagerCallException(Failure.MAINTENANCE, "maintenance_mode_active", "maintenance");
    }
    Exec e = executions.get(id);
    if (e == null) {
      throw new ManagerCallException(
          Failure.NOT_FOUND,
          "not_found_error",
          "Requested `Execution` with ID `" + id + "` was not found");
    }
    return info(e);
  }

  @Override
  public synchronized List<ExecutionInfo> activeExecutions(String manager) {
    enter("activeExecutions", false);
    return running().stream().map(this::info).toList();
  }

  @Override
  public synchronized List<ExecutionInfo> restoreExecutions(
      String manager, String snapshotId, int limit) {
    enter(
        "restoreExecutions", false); // sent with X-BYPASS-MAINTENANCE: allowed in maintenance mode
    List<ExecutionInfo> out = new ArrayList<>();
    List<Exec> all = new ArrayList<>(executions.values());
    for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
      Exec e = all.get(i);
      if (e.workflow.equals("restore_snapshot") && snapshotId.equals(e.snapshot)) {
        out.add(info(e));
      }
    }
    return out;
  }

  @Override
  public synchronized ExecutionInfo cancelExecution(String manager, String id) {
    enter("cancelExecution", false);
    Exec e = executions.get(id);
    if (status(e).isTerminal()) {
      throw new ManagerCallException(
          Failure.BAD_REQUEST, "illegal_action_error", "Can't cancel execution " + id);
    }
    e.cancelled = true;
    Snap s = snapshots.get(e.snapshot);
    if (s != null && s.status.equals("creating")) {
      s.status = "failed";
      s.error = "cancelled";
    }
    return info(e);
  }

  @Override
  public synchronized String restoreSnapshot(String manager, String id, RestoreFlags flags) {
    enter("restoreSnapshot", false);
    lastRestoreFlags = flags;
    Snap s = snapshots.get(id);
    if (s == null) {
      throw new ManagerCallException(Failure.NOT_FOUND, "not_found_error", "no snapshot " + id);
    }
    if (maintenance.equals("activating")) {
      throw new ManagerCallException(
          Failure.MAINTENANCE, "entering_maintenance_mode", "activating");
    }
    if (!running().isEmpty()) {
      throw new ManagerCallException(
          Failure.BAD_REQUEST,
          "existing_running_execution_error",
          "Cannot start execution because there are other executions running");
    }
    String err =
        restoreError == null
            ? null
            : restoreError + " {'postgresql_password': '" + DB_PASSWORD + "'}";
    Exec e = start("restore_snapshot", id, restoreDuration, err);
    outageFrom = now().plus(outageStart);
    outageTo = outageFrom.plus(outageDuration);
    restoringUntil = e.end.plusSeconds(3);
    return e.id;
  }

  @Override
  public synchronized boolean restoreRunning(String manager) {
    enter("restoreRunning", true);
    Exec e =
        executions.values().stream()
            .filter(x -> x.workflow.equals("restore_snapshot"))
            .reduce((a, b) -> b)
            .orElse(null);
    if (e == null) {
      return false;
    }
    return !now().isBefore(e.start.plusSeconds(1)) && now().isBefore(restoringUntil);
  }

  @Override
  public synchronized MaintenanceInfo getMaintenance(String manager) {
    enter("getMaintenance", true);
    return new MaintenanceInfo(
        maintenance,
        maintenance.equals("activating") ? running().stream().map(this::info).toList() : List.of(),
        true);
  }

  @Override
  public synchronized MaintenanceInfo activateMaintenance(String manager) {
    enter("activateMaintenance", true);
    if (!maintenance.equals("deactivated")) {
      return new MaintenanceInfo(maintenance, List.of(), false);
    }
    if (stuckExecution) {
      start("install", null, null, null).start = now();
    }
    maintenance = running().isEmpty() ? "activated" : "activating";
    return new MaintenanceInfo(maintenance, List.of(), true);
  }

  @Override
  public synchronized MaintenanceInfo deactivateMaintenance(String manager) {
    enter("deactivateMaintenance", true);
    if (maintenance.equals("deactivated")) {
      return new MaintenanceInfo(maintenance, List.of(), false);
    }
    maintenance = "deactivated";
    return new MaintenanceInfo(maintenance, List.of(), true);
  }

  @Override
  public synchronized ManagerVersion managerVersion(String manager) {
    enter("version", true);
    return new ManagerVersion(version, "community");
  }

  @Override
  public synchronized StatusInfo status(String manager) {
    enter("status", true);
    Map<String, Boolean> services = new LinkedHashMap<>();
    services.put("Management Worker", statusOk);
    services.put("PostgreSQL", true);
    return new StatusInfo(statusOk ? HealthStatus.OK : HealthStatus.FAIL, services);
  }

  @Override
  public synchronized ClusterInfo clusterStatus(String manager) {
    enter("clusterStatus", true);
    return cluster;
  }

  @Override
  public synchronized ArchiveInfo downloadSnapshot(String manager, String id, Path target) {
    enter("downloadSnapshot", false);
    Snap s = snapshots.get(id);
    try {
      Files.write(target, s.archive);
      return new ArchiveInfo(
          s.archive.length,
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.archive)));
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void uploadSnapshot(String manager, String id, Path archive) {
    enter("uploadSnapshot", false);
    Snap s = new Snap("uploaded");
    try {
      s.archive = Files.readAllBytes(archive);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    snapshots.put(id, s);
  }

  @Override
  public synchronized void uploadSnapshotFromUrl(String manager, String id, String url) {
    enter("uploadSnapshotFromUrl", false);
    Snap s = new Snap("uploaded");
    s.archive = url.getBytes(StandardCharsets.UTF_8);
    snapshots.put(id, s);
  }

  @Override
  public synchronized void deleteSnapshot(String manager, String id) {
    enter("deleteSnapshot", false);
    deleted.add(id);
    if (snapshots.remove(id) == null) {
      throw new ManagerCallException(Failure.NOT_FOUND, "not_found_error", "no snapshot " + id);
    }
  }

  @Override
  public synchronized List<SnapshotInfo> listSnapshots(String manager, String search) {
    enter("listSnapshots", false);
    return snapshots.entrySet().stream()
        .filter(e -> e.getKey().contains(search))
        .map(e -> info(e.getKey(), e.getValue()))
        .toList();
  }

  /** Sorted by id or (any other field) creation time; the total counts every match. */
  @Override
  public synchronized SnapshotPage snapshotPage(String manager, SnapshotQuery q) {
    enter("listSnapshots", false);
    Comparator<SnapshotInfo> order =
        q.sortBy().equals("id")
            ? Comparator.comparing(SnapshotInfo::id)
            : Comparator.comparing(
                SnapshotInfo::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()));
    List<SnapshotInfo> all =
        snapshots.entrySet().stream()
            .filter(e -> q.search() == null || e.getKey().contains(q.search()))
            .map(e -> info(e.getKey(), e.getValue()))
            .sorted(q.descending() ? order.reversed() : order)
            .toList();
    return new SnapshotPage(all.stream().skip(q.offset()).limit(q.size()).toList(), all.size());
  }

  @Override
  public ArchiveInfo downloadSnapshot(String manager, String id, OutputStream out) {
    synchronized (this) {
      enter("downloadSnapshot", false);
      if (failDownloadWith != null) {
        throw failDownloadWith;
      }
      if (!snapshots.containsKey(id)) {
        throw new ManagerCallException(Failure.NOT_FOUND, "not_found_error", "no snapshot " + id);
      }
    }
    try {
      return writeZip(out, archiveBytes, version, id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes {@link #canRead} find {@code id} of {@code kind} in {@code tenant}. */
  public FakeManager readable(String tenant, SampleKind kind, String id) {
    readableEntities.add(tenant + "/" + kind + "/" + id);
    return this;
  }

  @Override
  public synchronized ContentCounts contentCounts(String manager) {
    enter("contentCounts", false);
    return contents;
  }

  @Override
  public synchronized List<ExecutionError> executionErrors(
      String manager, String executionId, int limit) {
    enter("executionErrors", false);
    return executionErrors.getOrDefault(executionId, List.of()).stream()
        .limit(Math.max(0, limit))
        .toList();
  }

  @Override
  public synchronized boolean canRead(String manager, String tenant, SampleKind kind, String id) {
    enter("canRead", false);
    return readableEntities.contains(tenant + "/" + kind + "/" + id);
  }

  @Override
  public synchronized ExecutionInfo installNewAgents(
      String manager, String tenant, String deploymentId) {
    enter("installNewAgents", false);
    agentInstalls.add(tenant + "/" + deploymentId);
    return info(start("install_new_agents", null, createDuration, null));
  }

  public synchronized List<String> executionIds() {
    return new ArrayList<>(executions.keySet());
  }

  /** Streams a snapshot-like zip of about {@code size} bytes; returns bytes and SHA-256. */
  public static ArchiveInfo writeZip(OutputStream target, long size, String version, String seed)
      throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    CountingStream counting = new CountingStream(target);
    DigestOutputStream digest = new DigestOutputStream(counting, md);
    ZipOutputStream zip = new ZipOutputStream(digest);
    zip.setLevel(0); // random filler does not compress; level 0 keeps the CPU out of the benchmark
    zip.putNextEntry(new ZipEntry("metadata.json"));
    zip.write(
        ("{\"snapshot_version\": \"" + version + "\", \"execution_id\": \"" + seed + "\"}")
            .getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry("mgmt/users.json"));
    zip.write("[{\"username\": \"admin\"}]".getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry("tenants/default_tenant/blueprints.json"));
    zip.write("[]".getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry("mgmt/filler.bin"));
    Random r = new Random(seed.hashCode());
    byte[] buf = new byte[64 * 1024];
    for (long left = size; left > 0; left -= buf.length) {
      r.nextBytes(buf);
      zip.write(buf, 0, (int) Math.min(buf.length, left));
    }
    zip.closeEntry();
    zip.finish();
    digest.flush();
    return new ArchiveInfo(counting.count, HexFormat.of().formatHex(md.digest()));
  }

  private static final class CountingStream extends FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
