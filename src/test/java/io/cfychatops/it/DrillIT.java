package io.cfychatops.it;

import static io.cfychatops.it.BotYaml.Users.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.testing.FakeSlackApi;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * README "Restore drills": the built jar with two simulator processes — {@code default} (with
 * content) and {@code scratch} ({@code scratch: true}) — backs {@code default} up, then {@code /cfy
 * drills run -m default} restores the stored copy onto scratch, validates it and posts the verdict
 * {@code SUCCESSFUL} with the RTO by phase in the reports channel; {@code drills history} and
 * {@code backups status} show it; scratch ends out of maintenance mode and {@code default} saw no
 * restore.
 */
class DrillIT {
  static final Duration STEP = Duration.ofSeconds(30);
  static final Duration OP = Duration.ofSeconds(120);

  @Test
  void aDrillOnDemandRestoresOntoTheScratchManagerAndReportsSuccessfulWithRtoByPhase()
      throws Exception {
    try (Stack s =
            Stack.start(
                "DrillIT",
                Stack.Engine.EMBEDDED,
                "--exec-seconds",
                "1",
                "--content-size",
                "small");
        SimProcess scratch =
            SimProcess.start(s.dir, "scratch", "--exec-seconds", "1", "--seed", "7")) {
      BotYaml config =
          s.config()
              .manager("scratch", scratch.baseUrl())
              .extra("default", "    drill: { target: scratch, pick: latest, timeout: 10m }\n")
              .extra("scratch", "    scratch: true\n");
      BotProcess bot = s.httpBot("bot", config);

      String backup = s.slack.slash(bot, ALICE, "backups run -m default");
      s.slack.awaitAnswer(backup, b -> b.contains("Running the nightly backup of default"), STEP);
      FakeSlackApi.Call backedUp = s.slack.awaitPost(SlackDriver.CHANNEL, "Backup of default", OP);
      assertThat(SlackDriver.visible(backedUp)).contains("Backup of default succeeded");

      String run = s.slack.slash(bot, ALICE, "drills run -m default");
      // an operation's start is answered in the channel, like every operation command
      s.slack.awaitPost(
          SlackDriver.CHANNEL, "Restore drill of default onto scratch manager scratch", STEP);
      assertThat(run).isNotBlank();
      FakeSlackApi.Call report =
          s.slack.awaitPost(BotYaml.REPORTS, "Restore drill of default on scratch", OP);
      String text = SlackDriver.visible(report);
      assertThat(text)
          .contains("Restore drill of default on scratch: SUCCESSFUL")
          .contains("RTO")
          .contains("fetch: ")
          .contains("upload: ")
          .contains("maintenance on: ")
          .contains("restore execution: ")
          .contains("REST back: ")
          .contains("maintenance off: ")
          .contains("validation: ");
      assertThat(scratch.count("POST /snapshots/{id}/restore")).isEqualTo(1);
      assertThat(s.sim.count("POST /snapshots/{id}/restore"))
          .as("the drilled manager itself is never restored")
          .isZero();
      assertThat(scratch.count("POST /maintenance/deactivate")).isEqualTo(1);

      String history = s.slack.slash(bot, ALICE, "drills history -m default");
      s.slack.awaitAnswer(history, b -> b.contains("SUCCESSFUL"), STEP);
      String status = s.slack.slash(bot, ALICE, "backups status");
      s.slack.awaitAnswer(status, b -> b.contains("default: restore drill SUCCESSFUL"), STEP);
      Figures.record("DrillIT", "drill report: " + text.replace('\n', ' '));
    }
  }
}
