package io.cfychatops.archive;

import io.cfychatops.backup.BackupException;
import io.cfychatops.backup.PrivateFiles;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file work of the {@link ArchiveStore}: streaming into a temporary file, publishing it under a
 * name that must not exist yet, writing sidecars.
 */
final class StoreFiles {
  private static final Logger log = LoggerFactory.getLogger(ArchiveStore.class);
  private static final int BUFFER = 256 * 1024;
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  private StoreFiles() {}

  /** Writes into a stream; null when it did not hash (the store hashes then). */
  @FunctionalInterface
  interface Streamer {
    ArchiveStore.@Nullable Written writeTo(OutputStream out) throws IOException;
  }

  /** A file in {@code .tmp/} and what it holds. */
  record Filled(long bytes, String sha256) {}

  /** Where {@link #publishNew} put the file. */
  record Published(int version, Path file) {}

  /**
   * Lets {@code source} fill {@code tmp}, then checks its account against the file: the byte count
   * (when it gave one) and a well-formed SHA-256.
   */
  static Filled fill(Path tmp, ArchiveStore.FileSource source) throws IOException {
    ArchiveStore.Written w = source.writeTo(tmp);
    long size = Files.size(tmp);
    String sha = w == null ? null : w.sha256();
    if (sha == null || !SHA256.matcher(sha).matches()) {
      throw new IOException("the source returned no SHA-256 (got `" + sha + "`)");
    }
    if (w.bytes() >= 0 && w.bytes() != size) {
      throw new IOException("the client read " + w.bytes() + " bytes but " + size + " were stored");
    }
    return new Filled(size, sha.toLowerCase(Locale.ROOT));
  }

  /**
   * Streams {@code source} into {@code tmp} through one fixed buffer, hashing on the way when
   * {@code hash} (for sources that do not hash themselves). Returns what the source said it wrote,
   * or the byte count and the store's SHA-256 when it said nothing.
   */
  static ArchiveStore.Written stream(Path tmp, Streamer source, boolean hash) throws IOException {
    MessageDigest sha = ArchiveStore.sha256();
    ArchiveStore.Written said;
    long count;
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
        CountingOutputStream counting = new CountingOutputStream(Channels.newOutputStream(ch))) {
      OutputStream sink = hash ? new DigestOutputStream(counting, sha) : counting;
      BufferedOutputStream buffered = new BufferedOutputStream(sink, BUFFER);
      said = source.writeTo(new NonClosing(buffered));
      buffered.flush();
      count = counting.count;
    }
    if (said != null) {
      return said;
    }
    return new ArchiveStore.Written(count, hash ? HexFormat.of().formatHex(sha.digest()) : "");
  }

  /**
   * Publishes {@code tmp} as {@code <dir>/<snapshot>.zip} (version 1) or {@code <snapshot>~N.zip},
   * the first version from {@code first} whose file does not exist: {@code 0600}, forced to disk,
   * hard-linked (which fails rather than replace), folder forced. {@code tmp} stays for the caller
   * to delete.
   *
   * @throws BackupException past {@code max} versions
   */
  static Published publishNew(Path tmp, Path dir, String snapshotId, int first, int max)
      throws IOException {
    PrivateFiles.restrict(tmp);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    for (int v = first; v <= max; v++) {
      Path target = dir.resolve(ArchiveStore.baseName(snapshotId, v) + ".zip");
      try {
        try {
          Files.createLink(target, tmp);
        } catch (UnsupportedOperationException e) {
          // no hard links here: a plain move refuses an existing target too (not atomically)
          Files.move(tmp, target);
        }
      } catch (FileAlreadyExistsException e) {
        continue;
      }
      PrivateFiles.syncDirectory(dir);
      return new Published(v, target);
    }
    throw new BackupException(
        "refused: "
            + max
            + " versions of "
            + snapshotId
            + " are stored already (delete some before downloading it again)");
  }

  /** Writes {@code a}'s sidecar: temporary file, forced, renamed into place, folder forced. */
  static void writeSidecar(Path root, StoredArchive a) throws IOException {
    Path tmp = PrivateFiles.newTempFile(root, a.sidecar().getFileName().toString());
    try {
      Files.write(
          tmp,
          SidecarCodec.write(a),
          StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      PrivateFiles.publish(tmp, a.sidecar());
    } finally {
      deleteQuietly(tmp);
    }
  }

  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      log.warn("Could not remove temporary file {}: {}", p, e.getMessage());
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
