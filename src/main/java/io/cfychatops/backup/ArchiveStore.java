package io.cfychatops.backup;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Off-manager copies of snapshot archives on a filesystem.
 *
 * <p>Layout: {@code <root>/<manager>/<snapshot>.zip} and a sidecar {@code <snapshot>.json} holding
 * SHA-256, size, created_at, stored_at and the manager version. Both are written to a temporary
 * name in the same directory, forced to disk and renamed atomically, the archive first: a sidecar
 * therefore always describes a complete archive, and a crash leaves only {@code *.part-*} files,
 * which {@link #list} ignores and {@link #removeLeftovers} deletes.
 *
 * <p>Thread-safe for distinct snapshots; writing the same snapshot concurrently is not supported.
 * Archives stream through a fixed buffer, so memory use does not depend on archive size.
 */
public final class ArchiveStore {
  private static final Logger log = LoggerFactory.getLogger(ArchiveStore.class);
  private static final int BUFFER = 64 * 1024;

  private final Path root;

  public ArchiveStore(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
  }

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
    Names.requireId(manager, "manager");
    Names.requireId(snapshotId, "snapshot id");
    Path dir = root.resolve(manager);
    Path zip = dir.resolve(snapshotId + ".zip");
    Path tmp = dir.resolve(snapshotId + ".zip.part-" + UUID.randomUUID());
    try {
      Files.createDirectories(dir);
      MessageDigest sha = sha256();
      long size;
      String hex;
      try (OutputStream file = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW);
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
      force(tmp);
      move(tmp, zip);
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
      deleteQuietly(tmp);
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new BackupException(
          "Could not store " + snapshotId + " under " + dir + ": " + why, e);
    }
  }

  /** The stored copy of a snapshot, read from its sidecar. */
  public Optional<StoredArchive> find(String manager, String snapshotId) {
    Names.requireId(manager, "manager");
    Names.requireId(snapshotId, "snapshot id");
    Path sidecar = sidecarPath(manager, snapshotId);
    if (!Files.exists(sidecar)) {
      return Optional.empty();
    }
    return Optional.of(readSidecar(sidecar));
  }

  /** Every stored copy for {@code manager}, newest {@code created_at} first. */
  public List<StoredArchive> list(String manager) {
    Names.requireId(manager, "manager");
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
    Names.requireId(manager, "manager");
    Names.requireId(snapshotId, "snapshot id");
    try {
      boolean sidecar = Files.deleteIfExists(sidecarPath(manager, snapshotId));
      boolean zip = Files.deleteIfExists(root.resolve(manager).resolve(snapshotId + ".zip"));
      return sidecar || zip;
    } catch (IOException e) {
      throw new BackupException("Could not delete " + snapshotId + ": " + e.getMessage(), e);
    }
  }

  /** Deletes {@code *.part-*} files left by a crash; returns how many. Call at start-up. */
  public int removeLeftovers() {
    int n = 0;
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (DirectoryStream<Path> managers = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path dir : managers) {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "*.part-*")) {
          for (Path p : parts) {
            Files.deleteIfExists(p);
            n++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean " + root, e);
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
    Path tmp = a.sidecar().resolveSibling(a.sidecar().getFileName() + ".part-" + UUID.randomUUID());
    try {
      Files.write(
          tmp,
          FlatJson.write(n).getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE_NEW);
      force(tmp);
      move(tmp, a.sidecar());
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

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // same directory, so this only happens on exotic filesystems; say so in the log
      log.warn("Atomic rename not supported for {}; falling back to a plain replace", to);
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void force(Path p) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
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
