package io.cfychatops.backup;

import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.cloudify.Execution;
import io.cfychatops.cloudify.ExecutionStatus;
import io.cfychatops.cloudify.SnapshotStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An in-process stand-in for one manager: snapshots finish {@code creationTime} after creation on
 * the given clock, archives are real zips ({@code metadata.json}, {@code mgmt/}, {@code tenants/})
 * of about {@code archiveBytes}, generated while streaming. Knobs fail a stage on purpose.
 */
public final class FakeManager implements BackupManagerApi {
  private final Clock clock;
  private final String version;
  private volatile long archiveBytes = 64 * 1024;
  private volatile Duration creationTime = Duration.ofSeconds(30);
  private volatile Duration snapshotLag = Duration.ZERO;
  private volatile String failExecutionWith;
  private volatile RuntimeException failCreateWith;
  private volatile RuntimeException failDownloadWith;
  private volatile Consumer<String> onCreate = id -> {};
  private final Map<String, ManagerSnapshot> snapshots = new ConcurrentHashMap<>();
  private final Map<String, String> executionToSnapshot = new ConcurrentHashMap<>();
  private final List<String> deleted = new ArrayList<>();

  public FakeManager(Clock clock, String version) {
    this.clock = clock;
    this.version = version;
  }

  public FakeManager archiveBytes(long n) {
    this.archiveBytes = n;
    return this;
  }

  public FakeManager creationTime(Duration d) {
    this.creationTime = d;
    return this;
  }

  /** The snapshot row stays `creating` this long after the execution ended (§9.2). */
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

  /** Called (on the run's thread) when a snapshot is created; used to act "during" a run. */
  public FakeManager onCreate(Consumer<String> hook) {
    this.onCreate = hook;
    return this;
  }

  /** Adds an existing snapshot, e.g. an old nightly. */
  public void put(String id, Instant createdAt) {
    snapshots.put(id, new ManagerSnapshot(id, SnapshotStatus.CREATED, createdAt, ""));
  }

  public synchronized List<String> deleted() {
    return List.copyOf(deleted);
  }

  public List<String> snapshotIds() {
    return snapshots.keySet().stream().sorted().toList();
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public String createSnapshot(String snapshotId) {
    if (failCreateWith != null) {
      throw failCreateWith;
    }
    if (snapshots.putIfAbsent(snapshotId,
        new ManagerSnapshot(snapshotId, SnapshotStatus.CREATING, clock.instant(), "")) != null) {
      throw new IllegalStateException("409 conflict_error: snapshot " + snapshotId + " exists");
    }
    String exec = UUID.randomUUID().toString();
    executionToSnapshot.put(exec, snapshotId);
    onCreate.accept(snapshotId);
    return exec;
  }

  @Override
  public Execution execution(String executionId) {
    String sid = executionToSnapshot.get(executionId);
    ManagerSnapshot s = snapshots.get(sid);
    if (clock.instant().isBefore(s.createdAt().plus(creationTime))) {
      return execution(executionId, ExecutionStatus.STARTED, null);
    }
    if (failExecutionWith != null) {
      snapshots.put(sid, new ManagerSnapshot(sid, SnapshotStatus.FAILED, s.createdAt(), failExecutionWith));
      return execution(executionId, ExecutionStatus.FAILED, failExecutionWith + "\nTraceback ...");
    }
    snapshots.put(sid, new ManagerSnapshot(sid, SnapshotStatus.CREATED, s.createdAt(), ""));
    return execution(executionId, ExecutionStatus.TERMINATED, null);
  }

  private static Execution execution(String id, ExecutionStatus status, String error) {
    return new Execution(id, "create_snapshot", status, error, null, null, null, false, null, null, null, null);
  }

  @Override
  public ManagerSnapshot snapshot(String snapshotId) {
    ManagerSnapshot s = snapshots.get(snapshotId);
    if (s == null) {
      throw new IllegalStateException("404 not_found_error: " + snapshotId);
    }
    if (clock.instant().isBefore(s.createdAt().plus(creationTime).plus(snapshotLag))) {
      return new ManagerSnapshot(s.id(), SnapshotStatus.CREATING, s.createdAt(), "");
    }
    return s;
  }

  @Override
  public List<ManagerSnapshot> listSnapshots() {
    return List.copyOf(snapshots.values());
  }

  @Override
  public synchronized void deleteSnapshot(String snapshotId) {
    snapshots.remove(snapshotId);
    deleted.add(snapshotId);
  }

  @Override
  public Download download(String snapshotId, OutputStream out) {
    if (failDownloadWith != null) {
      throw failDownloadWith;
    }
    try {
      return writeZip(out, archiveBytes, version, snapshotId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Streams a snapshot-like zip of about {@code size} bytes; returns bytes and SHA-256. */
  public static Download writeZip(OutputStream target, long size, String version, String seed)
      throws IOException {
    MessageDigest md = ArchiveStore.sha256();
    CountingStream counting = new CountingStream(target);
    DigestOutputStream digest = new DigestOutputStream(counting, md);
    ZipOutputStream zip = new ZipOutputStream(digest);
    zip.setLevel(0); // random filler does not compress; level 0 keeps the CPU out of the benchmark
    zip.putNextEntry(new ZipEntry("metadata.json"));
    zip.write(("{\"snapshot_version\": \"" + version + "\", \"execution_id\": \"" + seed + "\"}")
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
    return new Download(counting.count, HexFormat.of().formatHex(md.digest()));
  }

  private static final class CountingStream extends java.io.FilterOutputStream {
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
