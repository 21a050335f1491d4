package io.cfychatops.sim;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Start-up settings of a {@link CloudifySimulator}. Build with {@link #builder()}; every setting is
 * checked when {@link Builder#build()} runs and a bad value is named in the exception.
 *
 * <p>The fault settings here ({@code latency}, {@code errorRate}, {@code rateLimitPerSecond}, the
 * failure rates, {@code clusterScenario}) are only initial values: they can be changed at runtime
 * through the simulator's knob methods.
 *
 * @param host interface to bind; loopback by default
 * @param port port to bind, 0 for an ephemeral port
 * @param username the sys_admin (bootstrap admin) user
 * @param password its password
 * @param tenant the one tenant that exists
 * @param extraUsers further users (name → password) with the plain {@code user} role: they can
 *     authenticate but every snapshot and maintenance action gives 403
 * @param clock source of time for every timed behaviour; pass a settable clock in tests
 * @param pendingDuration how long a new execution stays {@code pending}
 * @param runDuration how long a {@code create_snapshot} execution stays {@code started}
 * @param restoreRunDuration how long a {@code restore_snapshot} execution stays {@code started}
 * @param cancelDuration how long {@code cancelling} lasts before {@code cancelled}
 * @param snapshotUpdateLag fault knob, off (zero) by default: delay between a create execution
 *     ending and the snapshot row leaving {@code creating}. A real 7.x manager writes the
 *     snapshot's status inside the workflow, before the execution ends ({@code snapshot_create.py}
 *     {@code _update_snapshot_status}), which is what zero models; a lag reproduces a client that
 *     reads the snapshot in between and finds {@code creating}
 * @param createFailureRate fraction of creates whose execution fails
 * @param restoreFailureRate fraction of restores whose execution fails
 * @param outageMode how the REST backend is down during a restore's outage window
 * @param outageDelay outage start, measured from the restore request
 * @param outageDuration outage length; zero disables the restore outage
 * @param postRestoreDelay how long {@code snapshot-status} stays {@code running} after the restore
 *     execution ends
 * @param dropRestoredSnapshot whether a successful restore removes the restored snapshot from the
 *     list (faithful: the DB was replaced)
 * @param invalidateTokensOnRestore whether a successful restore invalidates every token
 * @param archiveSize byte size of generated archives (at least the size of the fixed entries)
 * @param latency real-time delay added to every request
 * @param errorRate fraction of requests answered with a random {@link FaultKind}
 * @param faultKinds the faults {@code errorRate} picks from
 * @param slowResponseDelay real-time delay of a {@link FaultKind#SLOW_RESPONSE}
 * @param rateLimitPerSecond nginx-style limit: requests beyond this many in one clock second get a
 *     503 HTML page; 0 disables it
 * @param clusterScenario initial cluster health
 * @param seed seed of the random source behind ids, failure and fault choices
 * @param workerThreads size of the request thread pool
 * @param storageDir where uploaded archives go; {@code null} means a fresh temp directory
 * @param contentSize how much the manager holds at start ({@link ContentSize#NONE}: a fresh
 *     manager)
 * @param contentSeed seed of the generated contents; {@code null} means {@code seed}
 * @param auditDuplicates how many entities each snapshot dump writes twice (changed during the
 *     dump, appended from the audit log); in-progress executions are always written twice
 * @param restoreTarget what a restore finds: a clean manager (default) or a non-empty one (fault
 *     knob: merge with 409 errors)
 * @param managerVersion the version the manager reports ({@code /version}, cluster nodes) and
 *     writes into its archives
 * @param snapshotVersion fault knob: the {@code snapshot_version} archives claim instead of the
 *     manager's version (e.g. newer than the manager); {@code null} means the manager's version
 * @param edition {@code premium} or {@code community}; a community manager's legacy archives lack
 *     the stage and composer schema revisions
 * @param restoreEntityFailures fault knob: this many entities of each restore (chosen with the seed
 *     among blueprints, deployments, plugins, sites and users) fail with {@code Error restoring …}
 *     while the execution still ends {@code terminated}
 */
public record SimulatorConfig(
    String host,
    int port,
    String username,
    String password,
    String tenant,
    Map<String, String> extraUsers,
    Clock clock,
    Duration pendingDuration,
    Duration runDuration,
    Duration restoreRunDuration,
    Duration cancelDuration,
    Duration snapshotUpdateLag,
    double createFailureRate,
    double restoreFailureRate,
    OutageMode outageMode,
    Duration outageDelay,
    Duration outageDuration,
    Duration postRestoreDelay,
    boolean dropRestoredSnapshot,
    boolean invalidateTokensOnRestore,
    long archiveSize,
    Duration latency,
    double errorRate,
    Set<FaultKind> faultKinds,
    Duration slowResponseDelay,
    int rateLimitPerSecond,
    ClusterScenario clusterScenario,
    long seed,
    int workerThreads,
    Path storageDir,
    ContentSize contentSize,
    Long contentSeed,
    int auditDuplicates,
    RestoreTarget restoreTarget,
    String managerVersion,
    String snapshotVersion,
    String edition,
    int restoreEntityFailures) {

  public static final int DEFAULT_CLI_PORT = 8100;
  public static final String DEFAULT_USER = "admin";
  public static final String DEFAULT_PASSWORD = "admin";
  public static final String DEFAULT_TENANT = "default_tenant";
  public static final long DEFAULT_ARCHIVE_SIZE = 64 * 1024;

  /** Generated archives stay below the zip64 threshold. */
  public static final long MAX_ARCHIVE_SIZE = 3L * 1024 * 1024 * 1024;

  public SimulatorConfig {
    requireText(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    requireText(username, "username");
    Objects.requireNonNull(password, "password");
    requireText(tenant, "tenant");
    extraUsers = Map.copyOf(Objects.requireNonNull(extraUsers, "extraUsers"));
    if (extraUsers.containsKey(username)) {
      throw new IllegalArgumentException(
          "extraUsers must not contain the admin user `" + username + "`");
    }
    Objects.requireNonNull(clock, "clock");
    requireNonNegative(pendingDuration, "pendingDuration");
    requireNonNegative(runDuration, "runDuration");
    requireNonNegative(restoreRunDuration, "restoreRunDuration");
    requireNonNegative(cancelDuration, "cancelDuration");
    requireNonNegative(snapshotUpdateLag, "snapshotUpdateLag");
    requireRate(createFailureRate, "createFailureRate");
    requireRate(restoreFailureRate, "restoreFailureRate");
    Objects.requireNonNull(outageMode, "outageMode");
    requireNonNegative(outageDelay, "outageDelay");
    requireNonNegative(outageDuration, "outageDuration");
    requireNonNegative(postRestoreDelay, "postRestoreDelay");
    if (archiveSize < 0 || archiveSize > MAX_ARCHIVE_SIZE) {
      throw new IllegalArgumentException(
          "archiveSize must be 0.." + MAX_ARCHIVE_SIZE + " bytes, got " + archiveSize);
    }
    requireNonNegative(latency, "latency");
    requireRate(errorRate, "errorRate");
    faultKinds = Set.copyOf(Objects.requireNonNull(faultKinds, "faultKinds"));
    if (faultKinds.isEmpty()) {
      throw new IllegalArgumentException("faultKinds must not be empty");
    }
    requireNonNegative(slowResponseDelay, "slowResponseDelay");
    if (rateLimitPerSecond < 0) {
      throw new IllegalArgumentException(
          "rateLimitPerSecond must be >= 0, got " + rateLimitPerSecond);
    }
    Objects.requireNonNull(clusterScenario, "clusterScenario");
    if (workerThreads < 1) {
      throw new IllegalArgumentException("workerThreads must be >= 1, got " + workerThreads);
    }
    Objects.requireNonNull(contentSize, "contentSize");
    if (auditDuplicates < 0) {
      throw new IllegalArgumentException("auditDuplicates must be >= 0, got " + auditDuplicates);
    }
    Objects.requireNonNull(restoreTarget, "restoreTarget");
    requireVersion(managerVersion, "managerVersion");
    if (snapshotVersion != null) {
      requireVersion(snapshotVersion, "snapshotVersion");
    }
    if (!"premium".equals(edition) && !"community".equals(edition)) {
      throw new IllegalArgumentException(
          "edition must be premium or community, got `" + edition + "`");
    }
    if (restoreEntityFailures < 0) {
      throw new IllegalArgumentException(
          "restoreEntityFailures must be >= 0, got " + restoreEntityFailures);
    }
  }

  private static void requireVersion(String v, String name) {
    try {
      ManagerVersions.parse(Objects.requireNonNull(v, name));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must look like 7.0.4, got `" + v + "`");
    }
  }

  /** The seed of the generated contents. */
  public long effectiveContentSeed() {
    return contentSeed == null ? seed : contentSeed;
  }

  /** The {@code snapshot_version} written into archives. */
  public String archiveVersion() {
    return snapshotVersion == null ? managerVersion : snapshotVersion;
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults: ephemeral port, {@code admin/admin}, system clock, snappy durations. */
  public static SimulatorConfig defaults() {
    return builder().build();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.host = host;
    b.port = port;
    b.username = username;
    b.password = password;
    b.tenant = tenant;
    b.extraUsers = new LinkedHashMap<>(extraUsers);
    b.clock = clock;
    b.pendingDuration = pendingDuration;
    b.runDuration = runDuration;
    b.restoreRunDuration = restoreRunDuration;
    b.cancelDuration = cancelDuration;
    b.snapshotUpdateLag = snapshotUpdateLag;
    b.createFailureRate = createFailureRate;
    b.restoreFailureRate = restoreFailureRate;
    b.outageMode = outageMode;
    b.outageDelay = outageDelay;
    b.outageDuration = outageDuration;
    b.postRestoreDelay = postRestoreDelay;
    b.dropRestoredSnapshot = dropRestoredSnapshot;
    b.invalidateTokensOnRestore = invalidateTokensOnRestore;
    b.archiveSize = archiveSize;
    b.latency = latency;
    b.errorRate = errorRate;
    b.faultKinds = EnumSet.copyOf(faultKinds);
    b.slowResponseDelay = slowResponseDelay;
    b.rateLimitPerSecond = rateLimitPerSecond;
    b.clusterScenario = clusterScenario;
    b.seed = seed;
    b.workerThreads = workerThreads;
    b.storageDir = storageDir;
    b.contentSize = contentSize;
    b.contentSeed = contentSeed;
    b.auditDuplicates = auditDuplicates;
    b.restoreTarget = restoreTarget;
    b.managerVersion = managerVersion;
    b.snapshotVersion = snapshotVersion;
    b.edition = edition;
    b.restoreEntityFailures = restoreEntityFailures;
    return b;
  }

  private static void requireText(String s, String name) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, got `" + s + "`");
    }
  }

  private static void requireNonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + d);
    }
  }

  private static void requireRate(double r, String name) {
    if (!(r >= 0.0 && r <= 1.0)) {
      throw new IllegalArgumentException(name + " must be within 0.0..1.0, got " + r);
    }
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 0;
    private String username = DEFAULT_USER;
    private String password = DEFAULT_PASSWORD;
    private String tenant = DEFAULT_TENANT;
    private Map<String, String> extraUsers = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Duration pendingDuration = Duration.ofMillis(500);
    private Duration runDuration = Duration.ofSeconds(2);
    private Duration restoreRunDuration = Duration.ofSeconds(5);
    private Duration cancelDuration = Duration.ofMillis(500);
    private Duration snapshotUpdateLag = Duration.ZERO;
    private double createFailureRate = 0.0;
    private double restoreFailureRate = 0.0;
    private OutageMode outageMode = OutageMode.HTTP_502_HTML;
    private Duration outageDelay = Duration.ofSeconds(1);
    private Duration outageDuration = Duration.ofSeconds(3);
    private Duration postRestoreDelay = Duration.ofSeconds(2);
    private boolean dropRestoredSnapshot = true;
    private boolean invalidateTokensOnRestore = true;
    private long archiveSize = DEFAULT_ARCHIVE_SIZE;
    private Duration latency = Duration.ZERO;
    private double errorRate = 0.0;
    private Set<FaultKind> faultKinds = EnumSet.allOf(FaultKind.class);
    private Duration slowResponseDelay = Duration.ofSeconds(30);
    private int rateLimitPerSecond = 0;
    private ClusterScenario clusterScenario = ClusterScenario.HEALTHY;
    private long seed = 42L;
    private int workerThreads = 16;
    private Path storageDir = null;
    private ContentSize contentSize = ContentSize.NONE;
    private Long contentSeed = null;
    private int auditDuplicates = 0;
    private RestoreTarget restoreTarget = RestoreTarget.CLEAN;
    private String managerVersion = CloudifySimulator.VERSION;
    private String snapshotVersion = null;
    private String edition = "premium";
    private int restoreEntityFailures = 0;

    private Builder() {}

    public Builder host(String v) {
      host = v;
      return this;
    }

    public Builder port(int v) {
      port = v;
      return this;
    }

    public Builder username(String v) {
      username = v;
      return this;
    }

    public Builder password(String v) {
      password = v;
      return this;
    }

    public Builder tenant(String v) {
      tenant = v;
      return this;
    }

    /** Adds a non-admin user. */
    public Builder extraUser(String name, String pw) {
      extraUsers.put(name, pw);
      return this;
    }

    public Builder clock(Clock v) {
      clock = v;
      return this;
    }

    public Builder pendingDuration(Duration v) {
      pendingDuration = v;
      return this;
    }

    public Builder runDuration(Duration v) {
      runDuration = v;
      return this;
    }

    public Builder restoreRunDuration(Duration v) {
      restoreRunDuration = v;
      return this;
    }

    public Builder cancelDuration(Duration v) {
      cancelDuration = v;
      return this;
    }

    public Builder snapshotUpdateLag(Duration v) {
      snapshotUpdateLag = v;
      return this;
    }

    public Builder createFailureRate(double v) {
      createFailureRate = v;
      return this;
    }

    public Builder restoreFailureRate(double v) {
      restoreFailureRate = v;
      return this;
    }

    public Builder outageMode(OutageMode v) {
      outageMode = v;
      return this;
    }

    public Builder outageDelay(Duration v) {
      outageDelay = v;
      return this;
    }

    public Builder outageDuration(Duration v) {
      outageDuration = v;
      return this;
    }

    public Builder postRestoreDelay(Duration v) {
      postRestoreDelay = v;
      return this;
    }

    public Builder dropRestoredSnapshot(boolean v) {
      dropRestoredSnapshot = v;
      return this;
    }

    public Builder invalidateTokensOnRestore(boolean v) {
      invalidateTokensOnRestore = v;
      return this;
    }

    public Builder archiveSize(long v) {
      archiveSize = v;
      return this;
    }

    public Builder latency(Duration v) {
      latency = v;
      return this;
    }

    public Builder errorRate(double v) {
      errorRate = v;
      return this;
    }

    public Builder faultKinds(Set<FaultKind> v) {
      faultKinds = v;
      return this;
    }

    public Builder slowResponseDelay(Duration v) {
      slowResponseDelay = v;
      return this;
    }

    public Builder rateLimitPerSecond(int v) {
      rateLimitPerSecond = v;
      return this;
    }

    public Builder clusterScenario(ClusterScenario v) {
      clusterScenario = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder workerThreads(int v) {
      workerThreads = v;
      return this;
    }

    public Builder storageDir(Path v) {
      storageDir = v;
      return this;
    }

    public Builder contentSize(ContentSize v) {
      contentSize = v;
      return this;
    }

    public Builder contentSeed(Long v) {
      contentSeed = v;
      return this;
    }

    public Builder auditDuplicates(int v) {
      auditDuplicates = v;
      return this;
    }

    public Builder restoreTarget(RestoreTarget v) {
      restoreTarget = v;
      return this;
    }

    public Builder managerVersion(String v) {
      managerVersion = v;
      return this;
    }

    public Builder snapshotVersion(String v) {
      snapshotVersion = v;
      return this;
    }

    public Builder edition(String v) {
      edition = v;
      return this;
    }

    public Builder restoreEntityFailures(int v) {
      restoreEntityFailures = v;
      return this;
    }

    public SimulatorConfig build() {
      return new SimulatorConfig(
          host,
          port,
          username,
          password,
          tenant,
          extraUsers,
          clock,
          pendingDuration,
          runDuration,
          restoreRunDuration,
          cancelDuration,
          snapshotUpdateLag,
          createFailureRate,
          restoreFailureRate,
          outageMode,
          outageDelay,
          outageDuration,
          postRestoreDelay,
          dropRestoredSnapshot,
          invalidateTokensOnRestore,
          archiveSize,
          latency,
          errorRate,
          faultKinds,
          slowResponseDelay,
          rateLimitPerSecond,
          clusterScenario,
          seed,
          workerThreads,
          storageDir,
          contentSize,
          contentSeed,
          auditDuplicates,
          restoreTarget,
          managerVersion,
          snapshotVersion,
          edition,
          restoreEntityFailures);
    }
  }
}
