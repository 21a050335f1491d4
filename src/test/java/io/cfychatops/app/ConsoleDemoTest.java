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
 * {@code cfy-chatops console --simulator}, exactly as a user pipes it: real simulator (demo
 * durations), embedded store, real clock. Slow by nature (a restore takes ~10 s), so only two.
 */
class ConsoleDemoTest {

  private static String console(String script) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    int rc =
        Main.console(
            new String[] {"--simulator"},
            new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
            out);
    out.flush();
    assertThat(rc).isZero();
    return buf.toString(StandardCharsets.UTF_8);
  }

  /** The output after the echo of {@code prompt} (e.g. {@code "bob> /cfy approve last"}). */
  private static String after(String output, String prompt) {
    int i = output.lastIndexOf(prompt);
    assertThat(i).as("`%s` echoed in:%n%s", prompt, output).isNotNegative();
    return output.substring(i + prompt.length());
  }

  /** The output between the echo of {@code prompt} and the next prompt echo. */
  private static String answerTo(String output, String prompt) {
    String rest = after(output, prompt);
    var next = Pattern.compile("(?m)^[a-z]+> ").matcher(rest);
    return next.find() ? rest.substring(0, next.start()) : rest;
  }

  @Test
  @Timeout(120)
  void createThenListShowsTheSnapshotCreated() throws Exception {
    String out = console("/cfy snapshots create demo-1\n/cfy snapshots list\n");

    assertThat(out).contains("(demo: simulator at http://127.0.0.1:");
    assertThat(answerTo(out, "alice> /cfy snapshots create demo-1"))
        .contains("Started operation op-")
        .contains("Create snapshot `demo-1` on default: succeeded");
    String list = answerTo(out, "alice> /cfy snapshots list");
    assertThat(list).contains("Snapshots on default");
    assertThat(list).containsPattern("(?m)^\\s+demo-1\\s+created\\s");
  }

  @Test
  @Timeout(180)
  void twoPersonRestoreRunsTheWholeRunbookAndLeavesMaintenanceOff() throws Exception {
    String out =
        console(
            String.join(
                "\n",
                "/cfy snapshots create demo-1",
                "/cfy snapshots restore demo-1",
                "/as alice",
                "/cfy approve last",
                "/as dave",
                "/cfy approve last",
                "/as bob",
                "/cfy approve last",
                "/cfy maintenance-mode status",
                ""));

    String request = answerTo(out, "alice> /cfy snapshots restore demo-1");
    assertThat(request)
        .contains("Approval needed: restore on default")
        .contains("Approval requested: apr-");

    String self = answerTo(out, "alice> /cfy approve last");
    assertThat(self)
        .contains("You asked for this, so you can't approve it")
        .doesNotContain("Approved");
    String dave = answerTo(out, "dave> /cfy approve last");
    assertThat(dave)
        .contains("you need the admin role or the approver role")
        .doesNotContain("Approved");

    String run = answerTo(out, "bob> /cfy approve last");
    assertThat(run).contains("Approved: restore on default").contains("Approved by @bob");
    // the runbook, phase by phase, each reported done
    assertThat(run)
        .containsSubsequence(
            "[ok] preflight:",
            "[ok] safety-snapshot:",
            "[ok] safety-verify:",
            "[ok] maintenance-on: maintenance mode activated",
            "[ok] restore: execution",
            "[ok] restore-wait:",
            "[ok] maintenance-off: deactivated",
            "[ok] post-checks: status OK",
            "[ok] Restore snapshot `demo-1` on default: succeeded");
    assertThat(run).contains("Phase: succeeded").contains("Maintenance mode: deactivated");
    assertThat(run).doesNotContain("[FAILED]");

    assertThat(answerTo(out, "bob> /cfy maintenance-mode status"))
        .contains("Maintenance mode on default: deactivated");
    // exactly one restore ran
    assertThat(
            Pattern.compile("Restore snapshot `demo-1` on default: succeeded")
                .matcher(out)
                .results()
                .count())
        .isEqualTo(1);
    assertThat(out).doesNotContain("still running after");
  }

  @Test
  @Timeout(240)
  void aDrillOntoTheScratchSimulatorEndsSuccessfulWithRtoByPhase() throws Exception {
    String out =
        console(
            String.join(
                "\n",
                "/cfy backups run -m default",
                "/cfy drills run -m default",
                "/cfy drills history -m default",
                ""));

    assertThat(out).contains("scratch");
    String drill = after(out, "alice> /cfy drills run -m default");
    assertThat(drill).contains("SUCCESSFUL").doesNotContain("TIMED_OUT");
    assertThat(drill).contains("fetch").contains("upload").contains("validation");
    assertThat(answerTo(out, "alice> /cfy drills history -m default")).contains("SUCCESSFUL");
  }
}
