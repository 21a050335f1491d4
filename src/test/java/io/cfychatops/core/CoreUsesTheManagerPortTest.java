package io.cfychatops.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code core} reaches managers only through {@code ops.ManagerPort}: no core source file names the
 * Cloudify client or its HTTP implementation (imported or fully qualified). API values of {@code
 * io.cfychatops.cloudify} (ids, statuses, error codes) stay allowed.
 */
class CoreUsesTheManagerPortTest {
  private static final Path CORE = Path.of("src/main/java/io/cfychatops/core");
  private static final Pattern CLIENT =
      Pattern.compile("io\\.cfychatops\\.cloudify\\.(CloudifyClient\\b|http\\.)");

  @Test
  void noCoreFileNamesTheCloudifyClientOrItsHttpImplementation() throws IOException {
    assertThat(CORE).isDirectory();
    List<String> offenders = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(CORE)) {
      files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (CLIENT.matcher(lines.get(i)).find()) {
          offenders.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
        }
      }
    }
    assertThat(offenders).as("core must reach managers through ops.ManagerPort").isEmpty();
  }

  @Test
  void theRuleCatchesAnImportOfTheClientAndOfItsImplementation() {
    assertThat(CLIENT.matcher("import io.cfychatops.cloudify.CloudifyClient;").find()).isTrue();
    assertThat(CLIENT.matcher("import io.cfychatops.cloudify.http.HttpCloudifyClient;").find())
        .isTrue();
    assertThat(CLIENT.matcher("import io.cfychatops.cloudify.SnapshotId;").find()).isFalse();
  }
}
