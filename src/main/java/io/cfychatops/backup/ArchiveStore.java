package io.cfychatops.backup;

import io.cfychatops.cloudify.ManagerName;
import io.cfychatops.cloudify.SnapshotId;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Off-manager copies of snapshot archives on a filesystem.
 *
 * <p>Layout: {@code <root>/<manager>/<snapshot>.zip} and a sidecar {@code <snapshot>.json} holding
 * SHA-256, size, created_at, stored_at and the manager version. Both are written to a temporary
 * file in {@code <root>/.tmp/}, forced to disk, renamed atomically into place and the folder forced
 * too ({@link PrivateFiles#publish}), the archive first: a sidecar therefore always describes a
 * complete archive, and a crash leaves files only in {@code .tmp/}, which {@link #prepare} cleans.
 * No manager name or snapshot id can be {@code .tmp} (they start with a letter), so the cleaning
 * never touches a stored copy. Archives hold credentials: files are {@code 0600}, folders {@code
 * 0700} ({@link PrivateFiles}).
 *
 * <p>Thread-safe for distinct snapshots; writing the same snapshot concurrently is not supported.
 * Archives stream through a fixed buffer, so memory use does not depend on archive size.
 */
public final class ArchiveStore {
  private static final Logger log = LoggerFactory.getLogger(ArchiveStore.class);
  private static final int BUFFER = 64 * 1024;

  /**
   * {@link #prepare} deletes temporary files older than this: with several replicas on one shared
   * archive root, a younger file may be another replica's download in progress.
   */
  public static final Duration LEFTOVER_AGE = Duration.ofHours(1);

  private final Path root;
  private final Clock clock;

  public ArchiveStore(Path root) {
    this(root, Clock.systemUTC());
  }

  /** {@code clock} decides which temporary files are old enough to delete. */
  public ArchiveStore(Path root, Clock clock) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** What {@link #prepare} did. */
  public record Prepared(int leftoversRemoved, int narrowed) {}

  /** Produces the archive bytes into a stream the store owns (do not close it). */
  @FunctionalInterface
  public interface ArchiveSource {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Like {@link ArchiveSource}, but hashes what it writes and returns the lowercase hex SHA-256
   * (the Cloudify client does so while streaming), which saves the store a second hashing pass.
   * The {@link ArchiveVerifier} re-reads the file and compares, so a wrong value cannot pass.
   */
  @FunctionalInterface
  public interface HashingArchiveSource {
    String writeTo(OutputStream out) throws IOException;
  }

  public Path root() {
    return root;
  }

  /**
   * Streams {@code source} into {@code <root>/<manager>/<snapshotId>.zip}, computing SHA-256 and
   * size on the way, then writes the sidecar. Replaces an existing copy of the same snapshot.
   *
   * @throws BackupException when writing fails; no partial file is left behind
   */
  public StoredArchive write(
      String manager,
      String snapshotId,
      Instant createdAt,
      String managerVersion,
      Instant storedAt,
      ArchiveSource source) {
    Objects.requireNonNull(source, "source");
    return write(manager, snapshotId, createdAt, managerVersion, storedAt, null, source);
  }

  /**
   * Streams {@code source} into the store; its returned SHA-256 goes into the sidecar unchanged.
   *
   * @throws BackupException when writing fails or the source returns no checksum
   */
  public StoredArchive writeHashed(
      String manager,
      String snapshotId,
      Instant createdAt,
      String managerVersion,
      Instant storedAt,
      HashingArchiveSource source) {
    Objects.requireNonNull(source, "source");
    return write(manager, snapshotId, createdAt, managerVersion, storedAt, source, null);
  }

  private StoredArchive write(
      String manager,
      String snapshotId,
      Instant createdAt,
      String managerVersion,
      Instant storedAt,
      HashingArchiveSource hashing,
      ArchiveSource plain) {
    ManagerName.require(manager);
    SnapshotId.require(snapshotId);
    Path dir = root.resolve(manager);
    Path zip = dir.resolve(snapshotId + ".zip");
    Path tmp = null;
    try {
      PrivateFiles.directory(root);
      PrivateFiles.directory(dir);
      tmp = PrivateFiles.newTempFile(root, snapshotId + ".zip");
      MessageDigest sha = sha256();
      long size;
      String hex;
      try (OutputStream file = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
          CountingOutputStream counting = new CountingOutputStream(file);
          OutputStream digest = hashing != null ? counting : new DigestOutputStream(counting, sha);
          OutputStream buffered = new BufferedOutputStream(digest, BUFFER)) {
        if (hashing != null) {
          hex = hashing.writeTo(new NonClosing(buffered));
          if (hex == null || !hex.matches("[0-9a-fA-F]{64}")) {
            throw new IOException("the source returned no SHA-256 (got `" + hex + "`)");
          }
          hex = hex.toLowerCase(java.util.Locale.ROOT);
        } else {
          plain.writeTo(new NonClosing(buffered));
          hex = null;
        }
        buffered.flush();
        size = counting.count;
      }
      if (hex == null) {
        hex = HexFormat.of().formatHex(sha.digest());
      }
      PrivateFiles.publish(tmp, zip);
      StoredArchive archive =
          new StoredArchive(
              manager,
              snapshotId,
              zip,
              sidecarPath(manager, snapshotId),
              size,
              hex,
              createdAt,
              storedAt,
              managerVersion == null ? "unknown" : managerVersion);
      writeSidecar(archive);
      return archive;
    } catch (IOException | RuntimeException e) {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new BackupException(
          "Could not store " + snapshotId + " under " + dir + ": " + why, e);
    }
  }

  /** The stored copy of a snapshot, read from its sidecar. */
  public Optional<StoredArchive> find(String manager, String snapshotId) {
    ManagerName.require(manager);
    SnapshotId.require(snapshotId);
    Path sidecar = sidecarPath(manager, snapshotId);
    if (!Files.exists(sidecar)) {
      return Optional.empty();
    }
    return Optional.of(readSidecar(sidecar));
  }

  /** Every stored copy for {@code manager}, newest {@code created_at} first. */
  public List<StoredArchive> list(String manager) {
    ManagerName.require(manager);
    Path dir = root.resolve(manager);
    List<StoredArchive> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path p : files) {
        try {
          out.add(readSidecar(p));
        } catch (BackupException e) {
          log.warn("Skipping unreadable sidecar {}: {}", p, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
    out.sort(Comparator.comparing(StoredArchive::createdAt).reversed());
    return out;
  }

  /**
   * Deletes a stored copy: the sidecar first (so the copy stops being listed), then the archive.
   * Returns false when there was nothing to delete.
   */
  public boolean delete(String manager, String snapshotId) {
    ManagerName.require(manager);
    SnapshotId.require(snapshotId);
    try {
      boolean sidecar = Files.deleteIfExists(sidecarPath(manager, snapshotId));
      boolean zip = Files.deleteIfExists(root.resolve(manager).resolve(snapshotId + ".zip"));
      return sidecar || zip;
    } catch (IOException e) {
      throw new BackupException("Could not delete " + snapshotId + ": " + e.getMessage(), e);
    }
  }

  /**
   * Call at start-up: creates the root ({@code 0700}), narrows folders and files that older versions
   * wrote world-readable to {@code 0700}/{@code 0600}, and {@link #removeLeftovers removes
   * leftovers}.
   */
  public Prepared prepare() {
    int narrowed = 0;
    try {
      PrivateFiles.directory(root);
      try (DirectoryStream<Path> managers = Files.newDirectoryStream(root, Files::isDirectory)) {
        for (Path dir : managers) {
          narrowed += PrivateFiles.narrow(dir) ? 1 : 0;
          try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            for (Path f : files) {
              narrowed += PrivateFiles.narrow(f) ? 1 : 0;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare archive store " + root + ": " + e.getMessage(), e);
    }
    if (narrowed > 0) {
      log.warn("Narrowed {} archive files and folders under {} to owner-only modes (0600/0700)", narrowed, root);
    }
    return new Prepared(removeLeftovers(), narrowed);
  }

  /**
   * Deletes what a crash left in {@code <root>/.tmp/} (unfinished archives, sidecars and chat
   * downloads) when older than {@link #LEFTOVER_AGE}, logging each deletion; returns how many.
   * Nothing outside {@code .tmp/} is ever deleted here.
   */
  public int removeLeftovers() {
    Path tmp = root.resolve(PrivateFiles.TEMP_DIR);
    if (!Files.isDirectory(tmp)) {
      return 0;
    }
    Instant cutoff = clock.instant().minus(LEFTOVER_AGE);
    int n = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
      for (Path p : files) {
        if (!Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          log.warn("Leaving {} in the temporary folder alone: not a regular file", p);
          continue;
        }
        Instant modified = Files.getLastModifiedTime(p).toInstant();
        if (modified.isAfter(cutoff)) {
          log.info("Keeping temporary file {} (modified {}: may be in use by another replica)", p, modified);
          continue;
        }
        long bytes = Files.size(p);
        if (Files.deleteIfExists(p)) {
          n++;
          log.info("Deleted leftover temporary file {} ({} bytes, modified {})", p, bytes, modified);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean " + tmp, e);
    }
    return n;
  }

  private Path sidecarPath(String manager, String snapshotId) {
    return root.resolve(manager).resolve(snapshotId + ".json");
  }

  private void writeSidecar(StoredArchive a) throws IOException {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("format", 1);
    n.put("manager", a.manager());
    n.put("snapshot_id", a.snapshotId());
    n.put("archive", a.archive().getFileName().toString());
    n.put("sha256", a.sha256());
    n.put("size_bytes", a.sizeBytes());
    n.put("created_at", a.createdAt().toString());
    n.put("stored_at", a.storedAt().toString());
    n.put("manager_version", a.managerVersion());
    Path tmp = PrivateFiles.newTempFile(root, a.snapshotId() + ".json");
    try {
      Files.write(
          tmp,
          FlatJson.write(n).getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      PrivateFiles.publish(tmp, a.sidecar());
    } finally {
      deleteQuietly(tmp);
    }
  }

  private StoredArchive readSidecar(Path sidecar) {
    try {
      Map<String, Object> n =
          FlatJson.parse(Files.readString(sidecar, StandardCharsets.UTF_8))
              .orElseThrow(() -> new IOException("not valid JSON"));
      return new StoredArchive(
          text(n, "manager", ""),
          text(n, "snapshot_id", ""),
          sidecar.resolveSibling(text(n, "archive", "")),
          sidecar,
          FlatJson.longValue(n, "size_bytes", -1),
          text(n, "sha256", ""),
          Instant.parse(text(n, "created_at", "")),
          Instant.parse(text(n, "stored_at", "")),
          text(n, "manager_version", "unknown"));
    } catch (NoSuchFileException e) {
      throw new BackupException("Sidecar " + sidecar + " disappeared", e);
    } catch (IOException | RuntimeException e) {
      throw new BackupException("Sidecar " + sidecar + " is unreadable: " + e.getMessage(), e);
    }
  }

  private static String text(Map<String, Object> json, String key, String otherwise) {
    String v = FlatJson.text(json, key);
    return v == null ? otherwise : v;
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      log.warn("Could not remove temporary file {}: {}", p, e.getMessage());
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
    }
  }

  private static final class CountingOutputStream extends FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
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

  /** Keeps a source from closing the store's stream before the digest is read. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
