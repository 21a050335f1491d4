package io.cfychatops.it;

import static io.cfychatops.it.BotYaml.Users.ALICE;
import static io.cfychatops.it.BotYaml.Users.BOB;
import static io.cfychatops.it.BotYaml.Users.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfychatops.testing.FakeSlackApi;
import io.cfychatops.testing.SlackRequests;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The deployed bot in Slack HTTP mode, as a user meets it: one bot process ({@code slack --http
 * --config FILE}) beside a fake Slack Web API and two simulator processes.
 *
 * <ul>
 *   <li>{@code default}: the manager people work on (create, list, restore, backups run, expiry);
 *       its own nightly never falls due during the run, so nothing scheduled disturbs the cases;
 *   <li>{@code nightly} (second simulator): nightly on a seconds cron ({@code *}{@code /15 * * * *
 *       *}), whose report must reach {@code reports_channel} with no command at all;
 *   <li>{@code lonely}: no manager behind it (a closed port), so it never gets a verified copy and
 *       the dead-man alert must fire once {@code dead_man_after} (10 s) has passed, not before.
 * </ul>
 *
 * Cases run in order on the one bot; the scheduled ones come last, when their first tick is due.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpModeIT {
  static final Duration STEP = Duration.ofSeconds(20);
  static final Duration OP = Duration.ofSeconds(60);

  /**
   * Nightly ticks and dead-man checks run every minute or so: a scheduled report is due within this
   * of start.
   */
  static final Duration SCHEDULED = Duration.ofSeconds(100);

  Path dir;
  FakeSlackApi fake;
  SlackDriver slack;
  SimProcess sim;
  SimProcess nightlySim;
  BotProcess bot;

  @BeforeAll
  void start() throws IOException {
    dir = CaseDir.fresh(getClass().getSimpleName());
    fake = new FakeSlackApi();
    slack = new SlackDriver(fake);
    sim = SimProcess.start(dir, "sim", "--exec-seconds", "1", "--outage-seconds", "2");
    nightlySim = SimProcess.start(dir, "sim-nightly", "--exec-seconds", "1");
    BotYaml cfg =
        BotYaml.embedded(dir)
            .manager("default", sim.baseUrl())
            .manager("nightly", nightlySim.baseUrl(), "*/15 * * * * *")
            .manager("lonely", "http://127.0.0.1:" + ChildProcess.freePort())
            .approvalRule("{ manager: default, action: maintenance-activate, expiry: 3s }")
            .deadManAfter("10s");
    bot = BotProcess.http("bot", dir, cfg, fake);
  }

  @AfterAll
  void stop() {
    if (fake != null) {
      Stack.dumpSlack(fake, dir);
    }
    for (AutoCloseable c : new AutoCloseable[] {bot, sim, nightlySim, fake}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        System.err.println("teardown: " + e);
      }
    }
  }

  @Test
  @Order(1)
  void healthReadinessAndMetricsAreServed() {
    assertThat(bot.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(bot.management("/healthz").statusCode()).isEqualTo(200);
    // the public port serves only /slack/events and /healthz: readiness details and metrics are not
    // for whoever can reach it
    assertThat(bot.get("/readyz").statusCode()).isEqualTo(404);
    assertThat(bot.get("/metrics").statusCode()).isEqualTo(404);
    HttpResponse<String> ready = bot.management("/readyz");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    HttpResponse<String> metrics = bot.management("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(metrics.body())
        .doesNotContain(SimProcess.PASSWORD)
        .doesNotContain(FakeSlackApi.BOT_TOKEN);
    // what the metrics say after work is checked by the cases that do the work
  }

  @Test
  @Order(2)
  void createThenListShowsTheSnapshot() throws Exception {
    String answer = slack.slash(bot, ALICE, "snapshots create it-c1");
    assertThat(
            slack
                .awaitAnswer(answer, b -> b.contains("Started operation op-"), STEP)
                .path("response_type")
                .asText())
        .isEqualTo("ephemeral");
    SlackDriver.Card card = slack.awaitCard("Create snapshot `it-c1`", STEP);
    assertThat(card.call().param("channel")).isEqualTo(SlackDriver.CHANNEL);
    assertThat(slack.awaitEnd(card, OP).outcome()).isEqualTo("succeeded");
    slack.awaitUpdate(card.ts(), "succeeded", STEP);
    assertThat(sim.snapshotStatus("it-c1")).isEqualTo("created");
    assertThat(sim.count("PUT /snapshots/it-c1")).isEqualTo(1);

    String list = slack.slash(bot, ALICE, "snapshots list");
    JsonNode listed = slack.awaitAnswer(list, b -> b.contains("it-c1"), STEP);
    assertThat(listed.path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(listed.toString()).contains("Snapshots on default").contains("created");

    assertThat(bot.management("/metrics").body())
        .containsPattern("cfy_operation_duration_seconds_count\\{[^}]*kind=\"create\"[^}]*\\} 1");
  }

  @Test
  @Order(3)
  void restoreNeedsASecondPersonsClickAndEndsWithMaintenanceOff() throws Exception {
    sim.createSnapshot("it-r1");
    String ask = slack.slash(bot, ALICE, "snapshots restore it-r1 --reason \"acceptance drill\"");
    SlackDriver.Approval card = slack.awaitApprovalCard("snapshots restore it-r1", STEP);
    assertThat(card.call().param("blocks"))
        .contains("acceptance drill")
        .contains("Safety snapshot");
    slack.awaitAnswer(ask, b -> b.contains("Approval requested: " + card.requestId()), STEP);

    int updatesBefore = fake.calls("chat.update").size();
    slack.click(bot, ALICE, "approval.approve", card.requestId(), card.ts());
    JsonNode refused =
        slack.awaitAnyAnswer("the requester's refusal", b -> b.contains("can't approve"), STEP);
    assertThat(refused.path("response_type").asText()).isEqualTo("ephemeral");
    slack.click(bot, DAVE, "approval.approve", card.requestId(), card.ts());
    slack.awaitAnyAnswer("the no-role refusal", b -> b.contains("approver role"), STEP);
    assertThat(fake.calls(c -> c.method().equals("chat.update") && card.ts().equals(c.param("ts"))))
        .isEmpty();
    assertThat(sim.count("POST /snapshots/it-r1/restore")).isZero();
    assertThat(fake.calls("chat.update")).hasSize(updatesBefore);

    slack.click(bot, BOB, "approval.approve", card.requestId(), card.ts());
    slack.awaitUpdate(card.ts(), "Approved", STEP);
    SlackDriver.Card op = slack.awaitCard("Restore snapshot `it-r1`", STEP);
    SlackDriver.Ended end = slack.awaitEnd(op, OP);
    assertThat(end.outcome()).as(String.join("\n", slack.threadLines(op))).isEqualTo("succeeded");
    assertThat(slack.threadLines(op))
        .anyMatch(l -> l.contains("safety-verify"))
        .anyMatch(l -> l.contains("restore"))
        .anyMatch(l -> l.contains("maintenance-off"));
    assertThat(sim.maintenance()).isEqualTo("deactivated");
    assertThat(sim.count("POST /snapshots/it-r1/restore")).isEqualTo(1);
    assertThat(sim.counts("PUT /snapshots/safety-"))
        .hasSize(1)
        .allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
  }

  @Test
  @Order(4)
  void anOnDemandBackupReportsAndStoresAVerifiedArchive() throws Exception {
    long createsBefore = sim.count(SimProcess.CREATE_PUT);
    String ask = slack.slash(bot, ALICE, "backups run -m default");
    slack.awaitAnswer(ask, b -> b.contains("Running the nightly backup of default now"), STEP);
    FakeSlackApi.Call report = slack.awaitPost(SlackDriver.CHANNEL, "Backup of default", OP);
    assertThat(SlackDriver.visible(report))
        .contains("Backup of default succeeded")
        .contains("verified")
        .contains("sha256");
    assertThat(sim.count(SimProcess.CREATE_PUT)).isEqualTo(createsBefore + 1);
    Path archives = dir.resolve("archives").resolve("default");
    try (Stream<Path> files = Files.list(archives)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertThat(names).anyMatch(n -> n.endsWith(".zip")).anyMatch(n -> n.endsWith(".json"));
    }
    assertThat(bot.management("/metrics").body())
        .containsPattern("cfy_backups_succeeded_total\\{[^}]*manager=\"default\"[^}]*\\} 1");
  }

  @Test
  @Order(5)
  void anUnansweredApprovalExpiresOnTheCardWithoutAnyClick() throws Exception {
    long activations =
        sim.count("POST /maintenance/activate"); // the restore case switched it on and off
    slack.slash(bot, ALICE, "maintenance-mode activate -m default");
    SlackDriver.Approval card = slack.awaitApprovalCard("maintenance-mode activate", STEP);
    FakeSlackApi.Call expired = slack.awaitUpdate(card.ts(), "Expired", Duration.ofSeconds(40));
    assertThat(SlackDriver.visible(expired)).contains("without enough approvals");
    assertThat(sim.count("POST /maintenance/activate")).isEqualTo(activations);
    assertThat(sim.maintenance()).isEqualTo("deactivated");
  }

  @Test
  @Order(6)
  void theDeadManAlertNamesAManagerWithNoVerifiedCopy() throws Exception {
    Duration left =
        SCHEDULED.minus(Duration.ofMillis(System.currentTimeMillis() - bot.readyAtMillis()));
    FakeSlackApi.Call alert =
        slack.awaitPost(
            BotYaml.REPORTS,
            "No verified backup of lonely",
            left.isNegative() ? Duration.ofSeconds(1) : left);
    assertThat(alert.param("text")).contains("<!subteam^" + BotYaml.ONCALL + ">");
    assertThat(fake.receivedAt(alert) - bot.startedAtMillis())
        .as("ms from the bot's start to the alert (dead_man_after 10 s)")
        .isGreaterThanOrEqualTo(10_000);
  }

  @Test
  @Order(7)
  void theScheduledNightlyFiresOnItsSecondsCronAndReportsToTheReportsChannel() throws Exception {
    Duration left =
        SCHEDULED.minus(Duration.ofMillis(System.currentTimeMillis() - bot.readyAtMillis()));
    FakeSlackApi.Call report =
        slack.awaitPost(
            BotYaml.REPORTS, "Nightly backups:", left.isNegative() ? Duration.ofSeconds(1) : left);
    String all = report.param("text") + report.param("blocks");
    assertThat(all)
        .contains("Nightly backups: 1 of 1 succeeded")
        .contains("nightly-nightly-")
        .doesNotContain("catch-up");
    assertThat(nightlySim.counts("PUT /snapshots/nightly-nightly-")).isNotEmpty();
    try (Stream<Path> files = Files.list(dir.resolve("archives").resolve("nightly"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("nightly-nightly-") && n.endsWith(".zip"));
    }
    assertThat(sim.counts("PUT /snapshots/nightly-"))
        .as("on default only the on-demand run: its far-off nightly did not run")
        .hasSize(1);
  }

  @Test
  @Order(8)
  void noSecretReachedSlackOrTheLog() throws IOException {
    List<String> secrets =
        List.of(SimProcess.PASSWORD, FakeSlackApi.BOT_TOKEN, SlackRequests.SIGNING_SECRET);
    assertThat(fake.calls())
        .isNotEmpty()
        .allSatisfy(
            c ->
                assertThat(c.body() + SlackDriver.visible(c))
                    .as("%s", c.method())
                    .doesNotContain(secrets));
    String log =
        Files.readString(bot.process().stdout().resolveSibling(bot.process().name() + ".err"));
    assertThat(log).contains("Slack bot started").doesNotContain(secrets);
  }
}
