package io.cfychatops.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Measured figures of the acceptance suite (resume and failover times, kill delays, manager-side
 * request counts): printed to the test log and appended to {@code target/acceptance-figures.txt},
 * which the first figure of a test JVM starts afresh.
 */
final class Figures {
  static final Path FILE =
      Path.of(System.getProperty("it.figures", "target/acceptance-figures.txt"));
  private static boolean started;

  private Figures() {}

  static synchronized void record(String caseName, String text) {
    String line = caseName + ": " + text;
    System.out.println("[figure] " + line);
    try {
      Files.createDirectories(FILE.toAbsolutePath().getParent());
      if (!started) {
        Files.writeString(
            FILE,
            "# cfy-chatops acceptance figures, run of " + Instant.now() + "\n",
            StandardCharsets.UTF_8);
        started = true;
      }
      Files.writeString(FILE, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
