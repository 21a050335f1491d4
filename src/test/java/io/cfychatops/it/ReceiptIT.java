package io.cfychatops.it;

import static io.cfychatops.it.BotYaml.Users.ALICE;
import static io.cfychatops.it.BotYaml.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.testing.FakeSlackApi;
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

      // the incident timeline of that restore, exported as CSV: uploaded to the operation's thread
      java.util.regex.Matcher id =
          java.util.regex.Pattern.compile("op-[a-z0-9]+").matcher(SlackDriver.visible(op.call()));
      assertThat(id.find()).isTrue();
      s.slack.slash(bot, ALICE, "ops timeline " + id.group() + " --format csv");
      FakeSlackApi.Call done =
          s.slack
              .fake()
              .awaitFirst(
                  "the timeline upload",
                  c -> c.method().equals("files.completeUploadExternal"),
                  STEP);
      assertThat(done.param("thread_ts")).isEqualTo(op.ts());
      java.util.regex.Matcher file =
          java.util.regex.Pattern.compile("F0FAKE[0-9]+")
              .matcher(String.valueOf(done.param("files")));
      assertThat(file.find()).isTrue();
      String csv =
          new String(
              s.slack.fake().uploaded(file.group()).orElseThrow(),
              java.nio.charset.StandardCharsets.UTF_8);
      assertThat(csv)
          .startsWith("Time (UTC),Event,Actor,Detail")
          .contains("maintenance on")
          .contains("maintenance off")
          .contains("receipt");
    }
  }
}
