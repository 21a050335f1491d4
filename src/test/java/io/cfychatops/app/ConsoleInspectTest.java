package io.cfychatops.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code console --simulator}: the demo manager has content, {@code snapshots inspect} shows what a
 * restore would bring back, and the restore card carries the same preview.
 */
class ConsoleInspectTest {

  private static String answerTo(String output, String prompt) {
    int i = output.lastIndexOf(prompt);
    assertThat(i).as("`%s` echoed in:%n%s", prompt, output).isNotNegative();
    String rest = output.substring(i + prompt.length());
    var next = Pattern.compile("(?m)^[a-z]+> ").matcher(rest);
    return next.find() ? rest.substring(0, next.start()) : rest;
  }

  @Test
  @Timeout(120)
  void inspectAndTheRestoreCardShowThePreview() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    String script =
        String.join(
            "\n",
            "/cfy snapshots create demo-1",
            "/cfy snapshots inspect demo-1",
            "/cfy snapshots inspect nope-1",
            "/cfy snapshots restore demo-1",
            "/as dave",
            "/cfy snapshots inspect demo-1",
            "");
    int rc =
        Main.console(
            new String[] {"--simulator"},
            new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
            out);
    out.flush();
    assertThat(rc).isZero();
    String all = buf.toString(StandardCharsets.UTF_8);

    String inspect = answerTo(all, "alice> /cfy snapshots inspect demo-1");
    assertThat(inspect)
        .contains("Snapshot `demo-1` on default: what a restore would bring back")
        .contains("Archive: 7.x format, snapshot version 7.0.4 (manager 7.0.4)")
        .containsPattern("Restores 2 tenant\\(s\\) \\(1 to create")
        .containsPattern("default_tenant \\(archive → manager now\\): .*blueprints \\d+ → \\d+")
        .contains("secret(s) (count only)")
        .contains("blueprints: bp-1");
    assertThat(answerTo(all, "alice> /cfy snapshots inspect nope-1"))
        .contains("No preview of `nope-1` on default");

    String card = answerTo(all, "alice> /cfy snapshots restore demo-1");
    assertThat(card)
        .contains("Approval needed: restore on default")
        .contains("Archive: 7.x format, snapshot version 7.0.4 (manager 7.0.4)")
        .contains("Warning: The manager is not empty");
    assertThat(answerTo(all, "dave> /cfy snapshots inspect demo-1"))
        .as("no role: refused like any command")
        .doesNotContain("Archive:");
  }
}
