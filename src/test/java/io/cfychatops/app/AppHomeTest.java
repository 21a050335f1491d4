package io.cfychatops.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.config.BotConfig;
import io.cfychatops.console.TextRenderer;
import io.cfychatops.core.CountingProxy;
import io.cfychatops.core.TestBots;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.sim.ClusterScenario;
import io.cfychatops.sim.SimulatorConfig;
import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * App Home per user: only the managers the opening user may view, each with its running operations
 * and pending approvals under it (the old merge dropped them), and the managers' own state read at
 * most once per 30 s per manager. Two managers ({@code default}, {@code staging}) in front of one
 * simulator whose executions take minutes, so an operation stays running while the tab is opened.
 */
class AppHomeTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final String GRANTS =
      """
          - { manager: "*", role: operator, users: [alice] }
          - { manager: staging, role: viewer, users: [vera] }
      """;

  @TempDir Path dir;
  CloudifySimulator sim;
  CountingProxy proxy;
  RecordingChatPort chat;
  SettableClock clock;
  Bot bot;

  @BeforeEach
  void start() throws Exception {
    sim =
        new CloudifySimulator(
            SimulatorConfig.builder()
                .port(0)
                .password(TestBots.MANAGER_PASSWORD)
                .clusterScenario(ClusterScenario.SINGLE_NODE)
                .pendingDuration(Duration.ofMillis(100))
                .runDuration(Duration.ofMinutes(10))
                .build());
    sim.start();
    proxy = new CountingProxy(sim.baseUrl());
    chat = new RecordingChatPort();
    clock = SettableClock.ticking();
    BotConfig cfg =
        TestBots.config(
            proxy.baseUrl(),
            GRANTS,
            "  data_dir: \"" + dir.resolve("data") + "\"",
            dir.resolve("archives"),
            true);
    bot =
        new Bot(
            cfg,
            chat,
            clock,
            new Bot.Options(Duration.ofMillis(200), Duration.ofSeconds(5), "home-test", false));
  }

  @AfterEach
  void stop() {
    bot.close();
    proxy.close();
    sim.stop();
  }

  private String answer(String user, String text) throws InterruptedException {
    RecordingChatPort.Reply r = chat.reply(RecordingChatPort.CHANNEL);
    bot.core().onCommand(RecordingChatPort.invocation(user, text), r);
    return r.next(WAIT);
  }

  private String home(String user) {
    return TextRenderer.render(bot.home(user));
  }

  @Test
  void eachManagerShowsItsRunningOperationsAndPendingApprovals() throws Exception {
    sim.seedSnapshot(
        "home-1",
        "created",
        null,
        Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    Matcher op =
        Pattern.compile("op-[a-z0-9]+")
            .matcher(answer("alice", "snapshots create home-run -m staging"));
    assertThat(op.find()).isTrue();
    Matcher req =
        Pattern.compile("apr-[a-z0-9]{4,16}")
            .matcher(answer("alice", "snapshots restore home-1 -m default"));
    assertThat(req.find()).isTrue();

    String text = home("alice");
    int defaultAt = text.indexOf("default — version");
    int stagingAt = text.indexOf("staging — version");
    assertThat(defaultAt).isNotNegative();
    assertThat(stagingAt).isGreaterThan(defaultAt);
    String defaultBlock = text.substring(defaultAt, stagingAt);
    String stagingBlock = text.substring(stagingAt);
    assertThat(defaultBlock)
        .contains("pending approvals: 1")
        .contains("✋ " + req.group())
        .contains("snapshots restore home-1")
        .contains("running operations: none")
        .doesNotContain(op.group());
    assertThat(stagingBlock)
        .contains("running operations: 1")
        .contains("▶ " + op.group() + " create")
        .contains("pending approvals: none")
        .doesNotContain(req.group());
    assertThat(text).contains("7.0.4").contains("maintenance deactivated");
  }

  @Test
  void aViewerOfOneManagerSeesNothingOfTheOthers() throws Exception {
    sim.seedSnapshot(
        "home-2",
        "created",
        null,
        Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    answer("alice", "snapshots create home-run-2 -m default");
    answer("alice", "snapshots restore home-2 -m default");
    String text = home("vera");
    assertThat(text)
        .contains("staging — version")
        .doesNotContain("default")
        .doesNotContain("home-2")
        .doesNotContain("create");
    assertThat(home("nobody")).contains("`viewer` role on a manager").doesNotContain("staging");
  }

  @Test
  void theManagersStateIsReadAtMostOncePer30Seconds() {
    String version = "GET /api/v[0-9.]+/version";
    String maintenance = "GET /api/v[0-9.]+/maintenance";
    home("alice");
    home("alice");
    home("vera");
    assertThat(proxy.count(version)).isEqualTo(2); // once per manager
    assertThat(proxy.count(maintenance)).isEqualTo(2);
    clock.advance(Duration.ofSeconds(29));
    home("alice");
    assertThat(proxy.count(version)).isEqualTo(2);
    clock.advance(Duration.ofSeconds(2));
    home("alice");
    assertThat(proxy.count(version)).isEqualTo(4);
    assertThat(proxy.count(maintenance)).isEqualTo(4);
  }
}
