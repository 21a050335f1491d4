package io.cfychatops.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A generated snapshot archive: a real zip with {@code metadata.json}, a few entity files and a
 * {@code STORED} pseudo-random padding entry that brings it to the requested size.
 *
 * <p>Nothing is held in memory: {@link #writeTo(OutputStream)} generates the bytes on the fly, and
 * the same spec always produces the same bytes in a given JVM. {@link #length()} is exact, so the
 * server can send a fixed {@code Content-Length}. The padding's CRC needs one pass over the padding
 * bytes; it is computed once per (seed, length) and cached.
 */
final class SnapshotArchive {
  static final String SNAPSHOT_VERSION = "7.0.4";
  static final String PADDING_ENTRY = "stage/padding.bin";
  private static final int CHUNK = 64 * 1024;
  private static final Map<List<Long>, Long> PADDING_CRC = new ConcurrentHashMap<>();

  private final String snapshotId;
  private final String executionId;
  private final String tenant;
  private final String createdBy;
  private final Instant createdAt;
  private final long targetSize;
  private final long seed;
  private final long overhead;

  SnapshotArchive(String snapshotId, String executionId, String tenant, String createdBy,
      Instant createdAt, long targetSize, long seed) {
    this.snapshotId = Objects.requireNonNull(snapshotId);
    this.executionId = Objects.requireNonNull(executionId);
    this.tenant = Objects.requireNonNull(tenant);
    this.createdBy = Objects.requireNonNull(createdBy);
    this.createdAt = Objects.requireNonNull(createdAt);
    this.targetSize = targetSize;
    this.seed = seed;
    try {
      CountingStream counter = new CountingStream();
      write(counter, 0, 0L);
      this.overhead = counter.count;
    } catch (IOException e) {
      throw new IllegalStateException("cannot size archive", e);
    }
  }

  /** Exact byte length of {@link #writeTo}'s output: the target size, or the minimum if larger. */
  long length() {
    return overhead + paddingLength();
  }

  private long paddingLength() {
    return Math.max(0, targetSize - overhead);
  }

  /** Writes the whole zip to {@code out}; does not close it. */
  void writeTo(OutputStream out) throws IOException {
    long padding = paddingLength();
    long crc = PADDING_CRC.computeIfAbsent(List.of(seed, padding), k -> paddingCrc(seed, padding));
    write(out, padding, crc);
  }

  private void write(OutputStream out, long padding, long paddingCrc) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(new NonClosing(out));
    long time = createdAt.toEpochMilli();
    for (Map.Entry<String, String> e : textEntries().entrySet()) {
      ZipEntry entry = new ZipEntry(e.getKey());
      entry.setTime(time);
      zip.putNextEntry(entry);
      zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    ZipEntry pad = new ZipEntry(PADDING_ENTRY);
    pad.setTime(time);
    pad.setMethod(ZipEntry.STORED);
    pad.setSize(padding);
    pad.setCompressedSize(padding);
    pad.setCrc(paddingCrc);
    zip.putNextEntry(pad);
    forEachPaddingChunk(seed, padding, (buf, len) -> zip.write(buf, 0, len));
    zip.closeEntry();
    zip.finish();
    zip.flush();
  }

  private Map<String, String> textEntries() {
    String ts = Json.timestamp(createdAt);
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("metadata.json", "{\"snapshot_version\": \"" + SNAPSHOT_VERSION + "\", \"execution_id\": \""
        + executionId + "\"}");
    m.put("mgmt/users.json", "[{\"username\": \"" + createdBy + "\", \"role\": \"sys_admin\", "
        + "\"tenant_roles\": {\"" + tenant + "\": \"user\"}}]");
    m.put("mgmt/tenants.json", "[{\"name\": \"" + tenant + "\", \"rabbitmq_username\": \"rabbitmq_user_"
        + tenant + "\"}]");
    m.put("mgmt/permissions.json", "[]");
    m.put("tenants/" + tenant + "/blueprints/blueprints.json",
        "[{\"id\": \"hello-world\", \"created_at\": \"" + ts + "\", \"state\": \"uploaded\"}]");
    m.put("tenants/" + tenant + "/deployments/deployments.json",
        "[{\"id\": \"hello-world-1\", \"blueprint_id\": \"hello-world\", \"created_at\": \"" + ts + "\"}]");
    m.put("tenants/" + tenant + "/secrets/secrets.json", "[]");
    m.put("snapshot-info.json", "{\"snapshot_id\": \"" + snapshotId + "\", \"created_at\": \"" + ts + "\"}");
    return m;
  }

  private interface ChunkSink {
    void accept(byte[] buf, int len) throws IOException;
  }

  private static void forEachPaddingChunk(long seed, long length, ChunkSink sink) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] buf = new byte[CHUNK];
    long left = length;
    while (left > 0) {
      int n = (int) Math.min(CHUNK, left);
      for (int i = 0; i < n; i += 8) {
        long v = rnd.nextLong();
        for (int j = 0; j < 8 && i + j < n; j++) {
          buf[i + j] = (byte) (v >>> (8 * j));
        }
      }
      sink.accept(buf, n);
      left -= n;
    }
  }

  private static long paddingCrc(long seed, long length) {
    CRC32 crc = new CRC32();
    try {
      forEachPaddingChunk(seed, length, (buf, len) -> crc.update(buf, 0, len));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return crc.getValue();
  }

  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
