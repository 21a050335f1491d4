package io.cfychatops.it;

import static io.cfychatops.it.BotYaml.Users.ALICE;
import static io.cfychatops.it.BotYaml.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfychatops.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * README promises "a restore never runs twice" and "maintenance mode OFF (also if the restore
 * fails)" across kill -9, on the embedded engine and on PostgreSQL: one approved restore is killed
 * at each of its steps in turn and the bot restarted each time:
 *
 * <ol>
 *   <li>preflight (its cluster-status read reached the manager; no safety snapshot yet),
 *   <li>safety snapshot, within milliseconds of its create PUT reaching the manager,
 *   <li>maintenance on, right after the activate POST,
 *   <li>restore, within milliseconds of the restore POST reaching the manager,
 *   <li>during the REST outage (the manager answers 502),
 *   <li>maintenance off, right after the deactivate POST.
 * </ol>
 *
 * The simulator makes each window wide (150 ms per request, 3 s executions, a 14 s outage) and its
 * request counts tell the test when a step's request arrived. Afterwards the restore reports
 * "succeeded" on its one card, the manager saw one safety create PUT and one restore POST, and
 * maintenance mode is off. Every resume (first manager request after a restart) is within 30 s.
 */
class KillRestoreIT {
  static final Duration STEP = Duration.ofSeconds(30);
  static final Duration RESUME_WITHIN = Duration.ofSeconds(30);
  static final String SNAPSHOT = "kr-base";

  /**
   * A kill point: the manager-side key whose next occurrence triggers the kill, and what must hold
   * at the kill.
   */
  private record Point(String name, String key, Consumer<SimProcess> atKill) {}

  @ParameterizedTest(name = "{0}")
  @EnumSource(Stack.Engine.class)
  void aRestoreKilledAtEachStepRunsOnceAndEndsWithMaintenanceOff(Stack.Engine engine)
      throws Exception {
    String caseName = "KillRestoreIT-" + engine.name().toLowerCase();
    try (Stack s =
        Stack.start(
            caseName,
            engine,
            "--exec-seconds",
            "3",
            "--outage-seconds",
            "14",
            "--latency-ms",
            "150")) {
      s.sim.createSnapshot(SNAPSHOT);
      long basePuts = s.sim.count(SimProcess.CREATE_PUT);
      String restorePost = "POST /snapshots/" + SNAPSHOT + "/restore";
      List<Point> points =
          List.of(
              new Point(
                  "preflight",
                  "GET /cluster-status",
                  sim ->
                      assertThat(sim.count(SimProcess.CREATE_PUT))
                          .as("no safety snapshot requested yet")
                          .isEqualTo(basePuts)),
              new Point(
                  "safety snapshot (create PUT)",
                  SimProcess.CREATE_PUT,
                  sim ->
                      assertThat(sim.count("POST /maintenance/activate"))
                          .as("maintenance not requested yet")
                          .isZero()),
              new Point(
                  "maintenance on",
                  "POST /maintenance/activate",
                  sim ->
                      assertThat(sim.count(restorePost)).as("restore not requested yet").isZero()),
              new Point(
                  "restore POST",
                  restorePost,
                  sim -> assertThat(sim.count(restorePost)).isEqualTo(1)),
              new Point(
                  "REST outage (502)",
                  "status 502",
                  sim ->
                      assertThat(sim.count("POST /maintenance/deactivate"))
                          .as("maintenance not yet switched off")
                          .isZero()),
              new Point("maintenance off", "POST /maintenance/deactivate", sim -> {}));

      BotProcess bot = s.httpBot("bot", s.config());
      String ask =
          s.slack.slash(bot, ALICE, "snapshots restore " + SNAPSHOT + " --reason \"kill drill\"");
      SlackDriver.Approval approval =
          s.slack.awaitApprovalCard("snapshots restore " + SNAPSHOT, STEP);
      s.slack.awaitAnswer(ask, b -> b.contains(approval.requestId()), STEP);
      Map<String, Long> counts = s.sim.counts();
      s.slack.click(bot, BOB, "approval.approve", approval.requestId(), approval.ts());
      SlackDriver.Card card = s.slack.awaitCard("Restore snapshot `" + SNAPSHOT + "`", STEP);

      List<String> figures = new ArrayList<>();
      long maxResume = 0;
      for (Point p : points) {
        long before = counts.getOrDefault(p.key(), 0L);
        long arrived;
        try {
          arrived = s.sim.awaitCount(p.key(), before + 1, Duration.ofSeconds(45));
        } catch (AssertionError e) {
          throw new AssertionError(
              "kill point `"
                  + p.name()
                  + "` never came: "
                  + e.getMessage()
                  + "\nthread so far: "
                  + s.slack.threadLines(card)
                  + "\n"
                  + bot.tails(),
              e);
        }
        long killAt = bot.kill9();
        p.atKill().accept(s.sim);
        assertThat(s.slack.ended(card))
            .as("the restore had not ended at the kill at %s", p.name())
            .isEmpty();
        counts =
            s.sim.counts(); // the bot is dead: nothing moves these but the requests it had sent
        bot.restart();
        long restartAt = bot.startedAtMillis();
        List<JsonNode> first = new ArrayList<>();
        boolean resumed =
            Await.until(
                RESUME_WITHIN,
                () -> {
                  List<JsonNode> e = s.sim.entries(restartAt, true);
                  if (!e.isEmpty()) {
                    first.add(e.get(0));
                  }
                  return !e.isEmpty();
                });
        assertThat(resumed)
            .as(
                "after the kill at %s the restarted bot sent the manager nothing within %s (resume)\nthread: %s",
                p.name(), RESUME_WITHIN, s.slack.threadLines(card))
            .isTrue();
        long resume = first.get(0).path("at_ms").asLong() - restartAt;
        maxResume = Math.max(maxResume, resume);
        figures.add(
            p.name()
                + ": killed "
                + (killAt - arrived)
                + " ms after `"
                + p.key()
                + "` reached the manager; resumed "
                + resume
                + " ms after the restart ("
                + first.get(0).path("key").asText()
                + ")");
      }

      SlackDriver.Ended end =
          s.slack.awaitEnd(
              "Restore snapshot `" + SNAPSHOT + "` on default", Duration.ofSeconds(60));
      figures.forEach(f -> Figures.record(caseName, f));
      Figures.record(
          caseName,
          "resume max "
              + maxResume
              + " ms over "
              + points.size()
              + " kills; manager-side counts: "
              + "restore POSTs "
              + s.sim.count(restorePost)
              + ", safety create PUTs "
              + s.sim.counts("PUT /snapshots/safety-")
              + ", maintenance activate "
              + s.sim.count("POST /maintenance/activate")
              + " / deactivate "
              + s.sim.count("POST /maintenance/deactivate")
              + ", answers 502 "
              + s.sim.count("status 502"));

      SoftAssertions soft = new SoftAssertions();
      soft.assertThat(end.outcome())
          .as("%s\nthread: %s", end.text(), s.slack.threadLines(card))
          .isEqualTo("succeeded");
      soft.assertThat(s.sim.count(restorePost)).as("restore POSTs the manager saw").isEqualTo(1);
      soft.assertThat(s.sim.counts("PUT /snapshots/safety-"))
          .as("safety snapshot create PUTs")
          .hasSize(1)
          .allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(1));
      soft.assertThat(s.sim.maintenance())
          .as("maintenance mode at the end")
          .isEqualTo("deactivated");
      soft.assertThat(s.slack.posts(SlackDriver.CHANNEL, "Restore snapshot `" + SNAPSHOT + "`"))
          .as("restore cards")
          .hasSize(1);
      soft.assertAll();
    }
  }
}
