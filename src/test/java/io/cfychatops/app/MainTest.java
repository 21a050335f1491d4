package io.cfychatops.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line: help for every command (exit 0), bad arguments and bad config exit 2 with a
 * message.
 */
class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void helpForTheCommandAndEachSubcommand() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("simulator", "console", "slack", "CFY_CHATOPS_CONFIG");
    for (String[] args :
        new String[][] {
          {"simulator", "--help"}, {"console", "-h"}, {"slack", "--help"}, {"help", "slack"}
        }) {
      out.getBuffer().setLength(0);
      assertThat(run(args)).as(String.join(" ", args)).isZero();
      assertThat(out.toString()).as(String.join(" ", args)).startsWith("Usage: ");
    }
    out.getBuffer().setLength(0);
    run("simulator", "--help");
    assertThat(out.toString())
        .contains("--port=N", "--test-hooks", "--archive-size=BYTES[k|m|g]", "--cluster=");
    out.getBuffer().setLength(0);
    run("console", "--help");
    assertThat(out.toString())
        .contains("--simulator", "--config=FILE", "--as=USER", "default alice");
    out.getBuffer().setLength(0);
    run("slack", "--help");
    assertThat(out.toString()).contains("--http", "--port=N", "--config=FILE");
  }

  @Test
  void noCommandPrintsTheUsageAndExits2() {
    assertThat(run()).isEqualTo(2);
    assertThat(out.toString()).startsWith("Usage: ").contains("simulator", "console", "slack");
  }

  @Test
  void badArgumentsExit2WithAMessage() {
    assertThat(run("deploy")).isEqualTo(2);
    assertThat(err.toString()).contains("'deploy'");
    err.getBuffer().setLength(0);
    assertThat(run("console", "--colour")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--colour'");
    err.getBuffer().setLength(0);
    assertThat(run("slack", "--port", "many")).isEqualTo(2);
    assertThat(err.toString()).contains("'many' is not an int");
    err.getBuffer().setLength(0);
    assertThat(run("simulator", "--port")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter for option '--port'");
    err.getBuffer().setLength(0);
    assertThat(run("simulator", "--outage-mode", "boom")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown outage mode `boom`");
  }

  @Test
  void valuesTheSimulatorRefusesExit2BeforeAnythingStarts() {
    assertThat(run("simulator", "--port", "0", "--error-rate", "2")).isEqualTo(2);
    assertThat(err.toString())
        .contains("errorRate must be within 0.0..1.0, got 2.0")
        .contains("Usage: ");
    assertThat(out.toString()).doesNotContain("listening");
  }

  @Test
  void badConfigExits2WithEveryProblem(@TempDir Path dir) throws Exception {
    Path cfg =
        Files.writeString(
            dir.resolve("bad.yml"), "managers:\n  - name: 9lives\n    url: ftp://x\n");
    assertThat(run("console", "--config", cfg.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("managers[0].name").contains("must be an http(s) URL");
  }
}
