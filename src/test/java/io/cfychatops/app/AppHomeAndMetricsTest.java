package io.cfychatops.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.chat.Message;
import io.cfychatops.config.BotConfig;
import io.cfychatops.core.TestBots;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.testing.RecordingChatPort;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The App Home view and the Prometheus scrape of a wired bot, after a nightly run and an operation.
 */
class AppHomeAndMetricsTest {
  static final String GRANTS =
      """
          - { manager: "*", role: operator, users: [alice] }
      """;

  @TempDir Path dir;
  CloudifySimulator sim;
  RecordingChatPort chat;
  Bot bot;

  @BeforeEach
  void start() throws Exception {
    sim = TestBots.fastSimulator();
    chat = new RecordingChatPort();
    BotConfig cfg =
        TestBots.config(
            sim.baseUrl(),
            GRANTS,
            "  data_dir: \"" + dir.resolve("data") + "\"",
            dir.resolve("archives"),
            false);
    bot =
        new Bot(
            cfg,
            chat,
            Clock.systemUTC(),
            new Bot.Options(Duration.ofMillis(100), Duration.ofSeconds(5), "home-test", false));
  }

  @AfterEach
  void stop() {
    bot.close();
    sim.stop();
  }

  @Test
  void homeShowsVersionMaintenanceAndNewestVerifiedBackup() {
    bot.nightly().runNow("default");
    Message home = bot.home("alice");
    String text = home.fallbackText();
    assertThat(text)
        .contains("default")
        .contains("7.0.4")
        .contains("deactivated")
        .contains("nightly-default-");
  }

  @Test
  void metricsCountBackupsAndOperations() throws Exception {
    bot.nightly().runNow("default");
    RecordingChatPort.Reply r = chat.reply(RecordingChatPort.CHANNEL);
    bot.core().onCommand(RecordingChatPort.invocation("alice", "snapshots create m-1"), r);
    assertThat(r.next(Duration.ofSeconds(10))).contains("Started operation");
    assertThat(bot.awaitIdle(Duration.ofSeconds(30))).isTrue();
    String scrape = bot.metrics().scrape();
    assertThat(scrape).contains("manager=\"default\"");
    assertThat(scrape)
        .containsPattern(
            "(?m)^cfy_backups_succeeded_total\\{[^}]*manager=\"default\"[^}]*\\} 1\\.0");
    assertThat(scrape)
        .containsPattern(
            "(?m)^cfy_operation_duration_seconds_count\\{[^}]*kind=\"create\"[^}]*\\} 1");
  }
}
