package io.cfychatops.it;

import static io.cfychatops.it.BotYaml.Users.ALICE;
import static io.cfychatops.it.BotYaml.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfychatops.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * README promise "when an instance dies (kill -9), its heartbeat stops and the operation resumes …
 * on another replica": two bots on one PostgreSQL schema (own processes, ports and instance names),
 * a restore approved on replica A, and the replica that sent the restore POST killed -9 within
 * milliseconds of it reaching the manager. The survivor must take the restore over within 30 s
 * (failover: from the kill to the survivor's first request to the manager), finish it with
 * "succeeded" on the same card, without a second restore POST, and leave maintenance mode off.
 *
 * <p>The replicas reach the manager as {@code 127.0.0.1} (A) and {@code localhost} (B): the same
 * simulator, but the Host header in its request log tells which replica sent a request. Slack
 * traffic goes to A (an approval binds to the manager URL of the replica that records it).
 *
 * <p>Both replicas schedule the dead-man alarm of {@code default} at start-up on the one schema:
 * the fake Slack must hold exactly one at the end.
 */
class ReplicasIT {
  static final Duration STEP = Duration.ofSeconds(30);
  static final Duration FAILOVER_WITHIN = Duration.ofSeconds(30);
  static final String SNAPSHOT = "rp-base";

  @Test
  void theSurvivorFinishesARestoreWhoseReplicaWasKilledRightAfterTheRestorePost() throws Exception {
    String caseName = "ReplicasIT";
    try (Stack s =
        Stack.start(
            caseName,
            Stack.Engine.POSTGRESQL,
            "--exec-seconds",
            "3",
            "--outage-seconds",
            "4",
            "--latency-ms",
            "50")) {
      s.sim.createSnapshot(SNAPSHOT);
      String port = s.sim.baseUrl().substring(s.sim.baseUrl().lastIndexOf(':') + 1);
      BotProcess a = s.httpBot("replica-a", s.config("http://127.0.0.1:" + port));
      BotProcess b = s.httpBot("replica-b", s.config("http://localhost:" + port));

      String ask = s.slack.slash(a, ALICE, "snapshots restore " + SNAPSHOT);
      SlackDriver.Approval approval =
          s.slack.awaitApprovalCard("snapshots restore " + SNAPSHOT, STEP);
      s.slack.awaitAnswer(ask, x -> x.contains(approval.requestId()), STEP);
      s.slack.click(a, BOB, "approval.approve", approval.requestId(), approval.ts());
      SlackDriver.Card card = s.slack.awaitCard("Restore snapshot `" + SNAPSHOT + "`", STEP);

      String restorePost = "POST /snapshots/" + SNAPSHOT + "/restore";
      SimProcess.Arrival post = s.sim.awaitArrival(restorePost, 1, Duration.ofSeconds(60));
      long postAt = post.atMillis();
      boolean aSent = post.host().startsWith("127.0.0.1");
      BotProcess killed = aSent ? a : b;
      BotProcess survivor = aSent ? b : a;
      String survivorHost = aSent ? "localhost" : "127.0.0.1";
      long killAt = killed.kill9();
      assertThat(survivor.alive()).isTrue();

      List<JsonNode> first = new ArrayList<>();
      boolean tookOver =
          Await.until(
              FAILOVER_WITHIN,
              () -> {
                s.sim.entries(killAt, true).stream()
                    .filter(e -> e.path("host").asText().startsWith(survivorHost))
                    .findFirst()
                    .ifPresent(first::add);
                return !first.isEmpty();
              });
      long failover = tookOver ? first.get(0).path("at_ms").asLong() - killAt : -1;
      SlackDriver.Ended end =
          tookOver
              ? s.slack.awaitEnd(
                  "Restore snapshot `" + SNAPSHOT + "` on default", Duration.ofSeconds(60))
              : null;
      Figures.record(
          caseName,
          "killed "
              + (aSent ? "replica A" : "replica B")
              + " "
              + (killAt - postAt)
              + " ms after its restore POST reached the manager; failover (kill → survivor's first manager request) "
              + (tookOver
                  ? failover + " ms (" + first.get(0).path("key").asText() + ")"
                  : "none within " + FAILOVER_WITHIN)
              + (end == null
                  ? ""
                  : "; end reported " + (end.atMillis() - killAt) + " ms after the kill")
              + "; manager-side counts: restore POSTs "
              + s.sim.count(restorePost)
              + ", safety create PUTs "
              + s.sim.counts("PUT /snapshots/safety-").values()
              + ", answers 502 "
              + s.sim.count("status 502"));

      assertThat(tookOver)
          .as(
              "the surviving replica sent the manager anything within %s of the kill (failover)\nthread: %s",
              FAILOVER_WITHIN, s.slack.threadLines(card))
          .isTrue();
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
      // both replicas reconciled the dead-man alarm at start-up on the one schema: one alarm, not
      // two
      soft.assertThat(
              s.fake.scheduled(BotYaml.REPORTS).stream()
                  .filter(
                      m ->
                          io.cfychatops.backup.DeadManAlarm.markedManager(m.text())
                              .filter("default"::equals)
                              .isPresent()))
          .as("scheduled dead-man alarms of default")
          .hasSize(1);
      soft.assertThat(s.fake.violations()).as("requests the fake Slack refused as bugs").isEmpty();
      soft.assertAll();
    }
  }
}
