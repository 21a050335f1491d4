package io.cfychatops.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A case's directory under {@code target/it-logs/} (config files, embedded store, archive root,
 * stdout/stderr of every child), emptied when the case starts so that no store of an earlier run
 * leaks in, and kept afterwards for diagnosis.
 */
final class CaseDir {
  private CaseDir() {}

  static Path fresh(String name) {
    Path dir =
        Path.of(System.getProperty("it.logs", "target/it-logs")).resolve(name).toAbsolutePath();
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> s = Files.walk(dir)) {
          for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
