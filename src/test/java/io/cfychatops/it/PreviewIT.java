package io.cfychatops.it;

import static io.cfychatops.it.BotYaml.Users.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The restore preview against the running jar: a simulator with content ({@code --content-size
 * small}), {@code /cfy snapshots inspect} answers with the counts, and the restore's approval card
 * carries the same preview (and the warning that the manager is not empty), while nothing has been
 * written to the manager by either.
 */
class PreviewIT {
  static final Duration STEP = Duration.ofSeconds(30);

  @Test
  void inspectAnswersWithCountsAndTheRestoreCardCarriesThePreview() throws Exception {
    try (Stack s =
        Stack.start(
            "PreviewIT", Stack.Engine.EMBEDDED, "--exec-seconds", "1", "--content-size", "small")) {
      s.sim.createSnapshot("it-pv1");
      BotProcess bot = s.httpBot("bot", s.config());

      String ask = s.slack.slash(bot, ALICE, "snapshots inspect it-pv1");
      String answer =
          s.slack
              .awaitAnswer(ask, b -> b.contains("what a restore would bring back"), STEP)
              .toString();
      assertThat(answer)
          .contains("Archive: 7.x format, snapshot version 7.0.4 (manager 7.0.4)")
          .contains("default_tenant (archive → manager now): ")
          .contains("blueprints: bp-1")
          .contains("secret(s) (count only)");
      assertThat(s.sim.count("GET /snapshots/{id}/archive"))
          .as("downloaded once into the archive store")
          .isEqualTo(1);

      String restore =
          s.slack.slash(bot, ALICE, "snapshots restore it-pv1 --reason \"preview check\"");
      SlackDriver.Approval card = s.slack.awaitApprovalCard("snapshots restore it-pv1", STEP);
      s.slack.awaitAnswer(restore, b -> b.contains(card.requestId()), STEP);
      String blocks = String.valueOf(card.call().param("blocks"));
      assertThat(blocks)
          .contains("Archive: 7.x format, snapshot version 7.0.4 (manager 7.0.4)")
          .contains("The manager is not empty");
      assertThat(s.sim.count("GET /snapshots/{id}/archive"))
          .as("the card read the stored copy")
          .isEqualTo(1);
      assertThat(s.sim.count("POST /snapshots/{id}/restore")).isZero();
      assertThat(s.sim.count("POST /maintenance/activate")).isZero();
    }
  }
}
