package io.cfychatops.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files only this process's user may read: snapshot archives and their sidecars (an archive holds
 * the manager's credentials and secrets), and the embedded database. One home for the rules:
 *
 * <ul>
 *   <li>folders are created {@code 0700} and files {@code 0600} where the file system is POSIX (set
 *       at creation, so there is no window with wider modes); an existing folder or file with group
 *       or other bits is narrowed by {@link #narrow};
 *   <li>temporary files live in a {@code .tmp/} folder of their root ({@link #TEMP_DIR}): no
 *       manager name or snapshot id can be {@code .tmp} (both must start with a letter), so
 *       cleaning that folder can never touch a stored file;
 *   <li>{@link #publish} makes a finished file durable: file forced to disk, atomic rename, then
 *       the target folder forced too, so the rename itself survives a power cut.
 * </ul>
 *
 * <p>Where the file system is not POSIX (Windows), modes are left to the operating system.
 */
public final class PrivateFiles {
  private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);

  /** The folder of temporary files under a root. */
  public static final String TEMP_DIR = ".tmp";

  static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> GROUP_OR_OTHER =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private static final AtomicLong DIRECTORY_SYNCS = new AtomicLong();

  private PrivateFiles() {}

  /** True where the file system of {@code p} has POSIX modes. */
  public static boolean posix(Path p) {
    FileSystem fs = p.getFileSystem();
    return fs.supportedFileAttributeViews().contains("posix");
  }

  /**
   * Creates {@code dir} and any missing parents with mode {@code 0700}; an existing {@code dir} is
   * narrowed to {@code 0700} if it is wider (its parents are left alone: they may be shared).
   */
  public static Path directory(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    if (Files.isDirectory(abs)) {
      try {
        narrow(abs);
      } catch (IOException e) {
        log.warn(
            "Cannot narrow {} to mode 0700 ({}); files in it are still created 0600",
            abs,
            e.toString());
      }
      return abs;
    }
    if (!posix(abs)) {
      return Files.createDirectories(abs);
    }
    Path parent = abs.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      directory(parent);
    }
    try {
      Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(DIR_MODE));
    } catch (java.nio.file.FileAlreadyExistsException e) {
      if (!Files.isDirectory(abs)) {
        throw e;
      }
    }
    Files.setPosixFilePermissions(abs, DIR_MODE); // creation modes pass through the umask
    return abs;
  }

  /**
   * A new, empty file in {@code <root>/.tmp/}, mode {@code 0600}; {@code tag} helps a human reading
   * the folder.
   */
  public static Path newTempFile(Path root, String tag) throws IOException {
    Path tmp = directory(root.resolve(TEMP_DIR));
    String safe = tag == null ? "" : tag.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > 64) {
      safe = safe.substring(0, 64);
    }
    Path file = tmp.resolve(safe + "-" + UUID.randomUUID() + ".part");
    if (posix(file)) {
      FileAttribute<Set<PosixFilePermission>> mode =
          PosixFilePermissions.asFileAttribute(FILE_MODE);
      return Files.createFile(file, mode);
    }
    return Files.createFile(file);
  }

  /**
   * Makes {@code tmp} the file {@code target}: mode {@code 0600}, forced to disk, renamed
   * atomically (replacing an existing target), then {@code target}'s folder forced so the rename is
   * durable.
   */
  public static void publish(Path tmp, Path target) throws IOException {
    restrict(tmp);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      log.warn(
          "Atomic rename not supported from {} to {}; falling back to a plain replace",
          tmp,
          target);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory(target.toAbsolutePath().getParent());
  }

  /**
   * Forces a folder's entries (a rename into it) to disk. Linux and macOS support this; where
   * opening a folder fails (Windows) the rename is already durable or cannot be made so: logged
   * once at debug level.
   */
  public static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
      DIRECTORY_SYNCS.incrementAndGet();
    } catch (IOException e) {
      log.debug("Cannot fsync directory {}: {}", dir, e.toString());
    }
  }

  /** Folder fsyncs done by this process (for tests). */
  public static long directorySyncs() {
    return DIRECTORY_SYNCS.get();
  }

  /** Sets {@code 0600} on a file (no-op where the file system is not POSIX). */
  public static void restrict(Path file) throws IOException {
    if (posix(file)) {
      Files.setPosixFilePermissions(file, FILE_MODE);
    }
  }

  /**
   * Narrows {@code p} to {@code 0700} (folder) or {@code 0600} (file) when it has any group or
   * other bit; returns true when it changed something. Symbolic links are not followed.
   */
  public static boolean narrow(Path p) throws IOException {
    if (!posix(p) || Files.isSymbolicLink(p)) {
      return false;
    }
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
    if (mode.stream().noneMatch(GROUP_OR_OTHER::contains)) {
      return false;
    }
    Files.setPosixFilePermissions(
        p, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? DIR_MODE : FILE_MODE);
    return true;
  }
}
