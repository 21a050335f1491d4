package io.cfychatops.archive;

import io.cfychatops.backup.BackupException;
import io.cfychatops.cloudify.ManagerName;
import io.cfychatops.cloudify.SnapshotId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The read and delete side of {@link ArchiveStore}'s layout: copies found by their sidecars. */
final class StoreListing {
  private static final Logger log = LoggerFactory.getLogger(ArchiveStore.class);

  private StoreListing() {}

  static List<StoredArchive> versions(Path root, String manager, String snapshotId) {
    ManagerName.require(manager);
    SnapshotId.require(snapshotId);
    Path dir = root.resolve(manager);
    List<StoredArchive> out = new ArrayList<>();
    Path first = dir.resolve(snapshotId + ".json");
    if (Files.exists(first)) {
      out.add(readSidecar(first));
    }
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> more = Files.newDirectoryStream(dir, snapshotId + "~*.json")) {
        for (Path p : more) {
          out.add(readSidecar(p));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + dir, e);
      }
    }
    out.sort(Comparator.comparingInt(StoredArchive::version));
    return out;
  }

  static List<StoredArchive> list(Path root, String manager) {
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
    out.sort(
        Comparator.comparing(StoredArchive::createdAt)
            .reversed()
            .thenComparing(Comparator.comparingInt(StoredArchive::version).reversed()));
    return out;
  }

  static boolean delete(Path root, String manager, String snapshotId) {
    ManagerName.require(manager);
    SnapshotId.require(snapshotId);
    Path dir = root.resolve(manager);
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try {
      boolean any = false;
      for (String ext : List.of(".json", ".zip")) {
        any |= Files.deleteIfExists(dir.resolve(snapshotId + ext));
        try (DirectoryStream<Path> more = Files.newDirectoryStream(dir, snapshotId + "~*" + ext)) {
          for (Path p : more) {
            any |= Files.deleteIfExists(p);
          }
        }
      }
      return any;
    } catch (IOException e) {
      throw new BackupException("Could not delete " + snapshotId + ": " + e.getMessage(), e);
    }
  }

  static StoredArchive readSidecar(Path sidecar) {
    try {
      return SidecarCodec.read(sidecar, Files.readAllBytes(sidecar));
    } catch (NoSuchFileException e) {
      throw new BackupException("Sidecar " + sidecar + " disappeared", e);
    } catch (IOException | RuntimeException e) {
      throw new BackupException("Sidecar " + sidecar + " is unreadable: " + e.getMessage(), e);
    }
  }
}
