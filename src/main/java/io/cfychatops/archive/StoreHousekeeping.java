package io.cfychatops.archive;

import io.cfychatops.backup.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up housekeeping of an {@link ArchiveStore}: owner-only modes and {@code .tmp/} leftovers.
 */
final class StoreHousekeeping {
  private static final Logger log = LoggerFactory.getLogger(ArchiveStore.class);

  private StoreHousekeeping() {}

  /**
   * Call at start-up: creates the root ({@code 0700}), narrows folders and files that older
   * versions wrote world-readable to {@code 0700}/{@code 0600}, and {@link #removeLeftovers removes
   * leftovers}.
   */
  static ArchiveStore.Prepared prepare(Path root, Clock clock) {
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
      throw new UncheckedIOException(
          "Cannot prepare archive store " + root + ": " + e.getMessage(), e);
    }
    if (narrowed > 0) {
      log.warn(
          "Narrowed {} archive files and folders under {} to owner-only modes (0600/0700)",
          narrowed,
          root);
    }
    return new ArchiveStore.Prepared(removeLeftovers(root, clock), narrowed);
  }

  /**
   * Deletes what a crash left in {@code <root>/.tmp/} (unfinished archives, sidecars and chat
   * downloads) when older than {@link ArchiveStore#LEFTOVER_AGE}, logging each deletion; returns
   * how many. Nothing outside {@code .tmp/} is ever deleted here.
   */
  static int removeLeftovers(Path root, Clock clock) {
    Path tmp = root.resolve(PrivateFiles.TEMP_DIR);
    if (!Files.isDirectory(tmp)) {
      return 0;
    }
    Instant cutoff = clock.instant().minus(ArchiveStore.LEFTOVER_AGE);
    int n = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
      for (Path p : files) {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          log.warn("Leaving {} in the temporary folder alone: not a regular file", p);
          continue;
        }
        Instant modified = Files.getLastModifiedTime(p).toInstant();
        if (modified.isAfter(cutoff)) {
          log.info(
              "Keeping temporary file {} (modified {}: may be in use by another replica)",
              p,
              modified);
          continue;
        }
        long bytes = Files.size(p);
        if (Files.deleteIfExists(p)) {
          n++;
          log.info(
              "Deleted leftover temporary file {} ({} bytes, modified {})", p, bytes, modified);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean " + tmp, e);
    }
    return n;
  }
}
