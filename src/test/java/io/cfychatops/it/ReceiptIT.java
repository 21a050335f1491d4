package io.cfychatops.it;

import static io.cfychatops.it.BotYaml.Users.ALICE;
import static io.cfychatops.it.BotYaml.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The restore receipt against the running jar: a simulator whose restore fails some entities
 * ({@code --restore-entity-failures 2}) while its execution still ends {@code terminated}, as a 7.x
 * manager's does. The bot must end the restore "completed with N problems" naming them, never
 * "succeeded", and leave maintenance mode off.
 */
class ReceiptIT {
  static final Duration STEP = Duration.ofSeconds(30);
  static final Duration OP = Duration.ofMinutes(3);

  @Test
  void aRestoreWithEntityErrorsEndsCompletedWithProblemsNamingThem() throws Exception {
    try (Stack s =
        Stack.start(
            "ReceiptIT",
            Stack.Engine.EMBEDDED,
            "--exec-seconds",
            "1",
            "--content-size",
            "small",
            "--restore-entity-failures",
            "2")) {
      s.sim.createSnapshot("it-rc1");
      BotProcess bot = s.httpBot("bot", s.config());

      String ask = s.slack.slash(bot, ALICE, "snapshots restore it-rc1 --reason \"receipt check\"");
      SlackDriver.Approval card = s.slack.awaitApprovalCard("snapshots restore it-rc1", STEP);
      s.slack.awaitAnswer(ask, b -> b.contains(card.requestId()), STEP);
      s.slack.click(bot, BOB, "approval.approve", card.requestId(), card.ts());

      SlackDriver.Card op = s.slack.awaitCard("Restore snapshot `it-rc1`", STEP);
      SlackDriver.Ended end = s.slack.awaitEnd(op, OP);
      String thread = String.join("\n", s.slack.threadLines(op));
      assertThat(end.outcome()).as(thread).startsWith("completed with").endsWith("problems");
      assertThat(end.text()).doesNotContain("succeeded");
      // the living message lists the problems the receipt found (entity errors by name)
      s.slack.awaitUpdate(op.ts(), "not restored", STEP);
      assertThat(s.sim.count("POST /snapshots/{id}/restore")).isEqualTo(1);
      assertThat(s.sim.maintenance()).isEqualTo("deactivated");
    }
  }
}
