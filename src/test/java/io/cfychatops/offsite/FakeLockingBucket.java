package io.cfychatops.offsite;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory bucket that behaves like AWS S3 with versioning and Object Lock, for what S3Proxy
 * cannot do: every put adds a version; a delete without a version id only adds a delete marker;
 * deleting a version before its retain-until date is refused ({@code AccessDenied}); a retention
 * can be extended but never shortened; retention calls on a bucket without Object Lock are refused
 * like AWS does ("Bucket is missing Object Lock Configuration"). Time comes from the injected
 * clock. Small objects only (bodies are held in memory).
 */
public final class FakeLockingBucket implements Bucket {
  private static final class Ver {
    final String id;
    final byte[] data; // null: delete marker
    final Map<String, String> metadata;
    final Instant at;
    Retention retention;

    Ver(String id, byte[] data, Map<String, String> metadata, Instant at) {
      this.id = id;
      this.data = data;
      this.metadata = metadata;
      this.at = at;
    }
  }

  private final Clock clock;
  private final Map<String, List<Ver>> objects = new TreeMap<>();
  private final Map<String, Map<Integer, byte[]>> uploads = new HashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  boolean lockEnabled = true;
  LockMode defaultMode;
  int defaultDays;

  /** Flip a byte of every stored body. */
  boolean corrupt;

  /** Fail retention reads with this problem (null: answer). */
  OffsiteProblem failRetentionReads;

  /** Fail this part number on upload (0: none). */
  int failPart;

  final List<String> calls = new ArrayList<>();

  public FakeLockingBucket(Clock clock) {
    this.clock = clock;
  }

  // --- test views

  public synchronized int dataVersions(String key) {
    return (int) objects.getOrDefault(key, List.of()).stream().filter(v -> v.data != null).count();
  }

  synchronized int markers(String key) {
    return (int) objects.getOrDefault(key, List.of()).stream().filter(v -> v.data == null).count();
  }

  synchronized Optional<Retention> retentionOfLatest(String key) {
    List<Ver> vs = objects.getOrDefault(key, List.of());
    return vs.isEmpty() ? Optional.empty() : Optional.ofNullable(vs.get(vs.size() - 1).retention);
  }

  synchronized int openUploads() {
    return uploads.size();
  }

  /** A delete without version id, as another tool (or a naive client) would send it. */
  synchronized void plainDeleteByOthers(String key) {
    delete(key, null);
  }

  // --- Bucket

  @Override
  public String describe() {
    return "bucket fake-lock";
  }

  @Override
  public synchronized void checkAccess() {
    calls.add("checkAccess");
  }

  private static byte[] read(Body body) {
    try (InputStream in = body.open()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Ver add(String key, byte[] data, Map<String, String> metadata) {
    if (data != null && corrupt && data.length > 10) {
      data[10] ^= 1;
    }
    Ver v = new Ver("v" + ids.incrementAndGet(), data, Map.copyOf(metadata), clock.instant());
    if (data != null && lockEnabled && defaultMode != null) {
      v.retention = new Retention(defaultMode, clock.instant().plusSeconds(86_400L * defaultDays));
    }
    objects.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
    return v;
  }

  @Override
  public synchronized Stored put(String key, Body body, long length, Map<String, String> metadata) {
    calls.add("put " + key);
    byte[] data = read(body);
    if (data.length != length) {
      throw new IllegalStateException("body is " + data.length + " bytes, declared " + length);
    }
    return new Stored(add(key, data, metadata).id);
  }

  @Override
  public synchronized String startMultipart(String key, Map<String, String> metadata) {
    String id = "up" + ids.incrementAndGet();
    uploads.put(id, new TreeMap<>());
    uploads.get(id).put(0, serialize(metadata));
    calls.add("startMultipart " + key);
    return id;
  }

  private static byte[] serialize(Map<String, String> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(k).append('\u0001').append(v).append('\u0002'));
    return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Map<String, String> deserialize(byte[] b) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String e : new String(b, java.nio.charset.StandardCharsets.UTF_8).split("\u0002")) {
      if (!e.isEmpty()) {
        String[] kv = e.split("\u0001", 2);
        m.put(kv[0], kv[1]);
      }
    }
    return m;
  }

  @Override
  public synchronized Part uploadPart(
      String key, String uploadId, int number, Body body, long length) {
    calls.add("uploadPart " + number);
    if (number == failPart) {
      throw new OffsiteException(
          OffsiteProblem.FAILED, "uploading part " + number + " of " + key + ": injected");
    }
    byte[] data = read(body);
    uploads.get(uploadId).put(number, data);
    return new Part(number, "etag-" + number, null);
  }

  @Override
  public synchronized Stored completeMultipart(String key, String uploadId, List<Part> parts) {
    calls.add("completeMultipart " + parts.size());
    Map<Integer, byte[]> up = uploads.remove(uploadId);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (Part p : parts) {
      all.writeBytes(up.get(p.number()));
    }
    return new Stored(add(key, all.toByteArray(), deserialize(up.get(0))).id);
  }

  @Override
  public synchronized void abortMultipart(String key, String uploadId) {
    calls.add("abortMultipart");
    uploads.remove(uploadId);
  }

  private Ver find(String key, String versionId) {
    List<Ver> vs = objects.getOrDefault(key, List.of());
    if (vs.isEmpty()) {
      return null;
    }
    if (versionId == null) {
      Ver latest = vs.get(vs.size() - 1);
      return latest.data == null ? null : latest;
    }
    return vs.stream().filter(v -> v.id.equals(versionId)).findFirst().orElse(null);
  }

  @Override
  public synchronized Download get(String key, String versionId) {
    Ver v = find(key, versionId);
    if (v == null || v.data == null) {
      throw new OffsiteException(OffsiteProblem.NOT_FOUND, "reading " + key + ": no such object");
    }
    Head head = new Head(key, v.data.length, v.at, v.metadata, v.id);
    InputStream in = new ByteArrayInputStream(v.data);
    return new Download() {
      @Override
      public Head head() {
        return head;
      }

      @Override
      public InputStream body() {
        return in;
      }

      @Override
      public void abort() {}

      @Override
      public void close() {}
    };
  }

  @Override
  public synchronized Optional<Head> head(String key) {
    Ver v = find(key, null);
    return v == null
        ? Optional.empty()
        : Optional.of(new Head(key, v.data.length, v.at, v.metadata, v.id));
  }

  @Override
  public synchronized List<Summary> list(String prefix) {
    List<Summary> out = new ArrayList<>();
    objects.forEach(
        (k, vs) -> {
          Ver latest = vs.isEmpty() ? null : vs.get(vs.size() - 1);
          if (k.startsWith(prefix) && latest != null && latest.data != null) {
            out.add(new Summary(k, latest.data.length, latest.at));
          }
        });
    return out;
  }

  @Override
  public Versioning versioning() {
    return Versioning.ENABLED;
  }

  @Override
  public synchronized List<Version> versions(String key) {
    List<Ver> vs = objects.getOrDefault(key, List.of());
    List<Version> out = new ArrayList<>();
    for (int i = vs.size() - 1; i >= 0; i--) { // newest first, like S3
      Ver v = vs.get(i);
      out.add(new Version(key, v.id, v.data == null, i == vs.size() - 1, v.at));
    }
    return out;
  }

  @Override
  public synchronized Optional<Retention> retention(String key, String versionId) {
    calls.add("retention " + versionId);
    if (failRetentionReads != null) {
      throw new OffsiteException(
          failRetentionReads, "reading the retention of " + key + ": injected");
    }
    if (!lockEnabled) {
      throw new OffsiteException(
          OffsiteProblem.LOCK_NOT_ENABLED,
          "reading the retention of " + key + ": no Object Lock configuration");
    }
    Ver v = find(key, versionId);
    if (v == null) {
      throw new OffsiteException(
          OffsiteProblem.NOT_FOUND, "reading the retention of " + key + ": no such version");
    }
    return Optional.ofNullable(v.retention);
  }

  @Override
  public synchronized void putRetention(String key, String versionId, Retention retention) {
    calls.add("putRetention " + versionId + " " + retention.until());
    if (!lockEnabled) {
      throw new OffsiteException(
          OffsiteProblem.LOCK_NOT_ENABLED,
          "locking " + key + ": Bucket is missing Object Lock Configuration");
    }
    Ver v = find(key, versionId);
    if (v == null) {
      throw new OffsiteException(OffsiteProblem.NOT_FOUND, "locking " + key + ": no such version");
    }
    if (v.retention != null
        && v.retention.activeAt(clock.instant())
        && retention.until().isBefore(v.retention.until())) {
      throw new OffsiteException(
          OffsiteProblem.ACCESS_DENIED, "locking " + key + ": a retention cannot be shortened");
    }
    v.retention = retention;
  }

  @Override
  public synchronized void delete(String key, String versionId) {
    calls.add("delete " + versionId);
    if (versionId == null) {
      if (objects.containsKey(key)) {
        add(key, null, Map.of()); // a delete marker; every version stays
      }
      return;
    }
    List<Ver> vs = objects.getOrDefault(key, new ArrayList<>());
    Ver v = vs.stream().filter(x -> x.id.equals(versionId)).findFirst().orElse(null);
    if (v == null) {
      return; // deleting a missing version succeeds in S3
    }
    if (v.retention != null && v.retention.activeAt(clock.instant())) {
      throw new OffsiteException(
          OffsiteProblem.ACCESS_DENIED,
          "deleting " + key + " version " + versionId + ": access denied (locked)");
    }
    vs.remove(v);
    if (vs.isEmpty()) {
      objects.remove(key);
    }
  }

  @Override
  public synchronized LockConfig lockConfig() {
    return lockEnabled ? new LockConfig(true, defaultMode, defaultDays) : LockConfig.DISABLED;
  }

  @Override
  public void close() {}
}
