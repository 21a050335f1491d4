package io.cfychatops.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.config.BotConfig;
import io.cfychatops.config.ConfigLoader;
import io.cfychatops.core.TestBots;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.testing.RecordingChatPort;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wired bot runs its recurring work by itself: nothing here calls {@code runDue()} or the
 * dead-man check. A manager on a seconds cron gets a nightly run and its report in the reports
 * channel within seconds; a manager with no verified copy gets the dead-man alert once {@code
 * dead_man_after} has passed (its runs fail: nothing listens at its URL).
 */
class RecurringWorkTest {
  static final String REPORTS = "C0REPORTS";

  @TempDir Path dir;
  CloudifySimulator sim;
  RecordingChatPort chat;
  Bot bot;

  @BeforeEach
  void start() throws Exception {
    sim = TestBots.fastSimulator();
    chat = new RecordingChatPort();
  }

  /** A bot with one manager named {@code name} at {@code url} on a cron firing every 2 seconds. */
  private Bot bot(String name, String url, String deadManAfter) {
    return bot(name, url, deadManAfter, true);
  }

  private Bot bot(String name, String url, String deadManAfter, boolean enabled) {
    String yaml =
        """
        managers:
          - name: %1$s
            url: %2$s
            username: admin
            password_env: %3$s
            schedule: { cron: "*/2 * * * * *", zone: UTC, enabled: %8$s }
        access:
          grants:
            - { manager: "*", role: operator, users: [alice] }
        slack:
          reports_channel: %4$s
        store:
          data_dir: "%5$s"
        backups:
          archive_root: "%6$s"
          dead_man_after: %7$s
          tick: 1s
        """
            .formatted(
                name,
                url,
                TestBots.PASSWORD_ENV,
                REPORTS,
                dir.resolve("data"),
                dir.resolve("archives"),
                deadManAfter,
                enabled);
    BotConfig cfg =
        new ConfigLoader(Map.of(TestBots.PASSWORD_ENV, TestBots.MANAGER_PASSWORD)).loadText(yaml);
    bot =
        new Bot(
            cfg,
            chat,
            Clock.systemUTC(),
            new Bot.Options(Duration.ofMillis(100), Duration.ofSeconds(5), "recurring-test", true));
    return bot;
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    sim.stop();
  }

  @Test
  void aSecondsCronFiresTheNightlyRunAndItsReportWithoutAnyoneCallingIt() throws Exception {
    long t0 = System.nanoTime();
    bot("default", sim.baseUrl(), "26h");
    RecordingChatPort.Event report =
        chat.await(
            e ->
                e.kind().equals("post")
                    && e.channel().equals(REPORTS)
                    && e.text().contains("Nightly backups:"),
            Duration.ofSeconds(60));
    System.out.printf(
        "MEASURED nightly report posted %d ms after the bot started%n",
        (System.nanoTime() - t0) / 1_000_000);
    assertThat(report.text()).contains("1 of 1 succeeded").contains("nightly-default-");
    assertThat(bot.nightly().history("default", 1)).isNotEmpty();
    assertThat(
            bot.database()
                .jdbc()
                .queryLong(
                    "SELECT count(*) FROM scheduled_tasks WHERE task_name IN (?, ?)",
                    io.cfychatops.scheduling.BackupTasks.NIGHTLY_TASK,
                    io.cfychatops.scheduling.BackupTasks.DEAD_MAN_TASK))
        .as("both recurring tasks are scheduled")
        .isEqualTo(2);
  }

  @Test
  void theDeadManAlertFiresForAManagerWithNoVerifiedCopy() throws Exception {
    bot("broken", "http://127.0.0.1:1", "3s"); // nothing listens: every nightly run fails
    RecordingChatPort.Event failed =
        chat.await(
            e ->
                e.kind().equals("post")
                    && e.channel().equals(REPORTS)
                    && e.text().contains("Nightly backups: 1 of 1 failed"),
            Duration.ofSeconds(60));
    assertThat(failed.text()).contains("broken");
    RecordingChatPort.Event alert =
        chat.await(
            e ->
                e.kind().equals("post")
                    && e.channel().equals(REPORTS)
                    && e.text().contains("No verified backup of broken on record"),
            Duration.ofSeconds(60));
    assertThat(alert.text()).contains("Allowed age").contains("3s");
  }

  @Test
  void scheduleEnabledFalseFromTheConfigFileMeansNoNightlyRun() throws Exception {
    bot("default", sim.baseUrl(), "26h", false);
    // on a two-second cron a slot is always due (runDue() returns a report) when the schedule is on
    assertThat(bot.nightly().runDue()).as("nothing is due with schedule.enabled: false").isEmpty();
    assertThat(bot.nightly().history("default", 1)).isEmpty();
    assertThat(io.cfychatops.backup.BackupMessages.status(bot.nightly().status()).rows())
        .singleElement()
        .asString()
        .contains("nightly off")
        .doesNotContain("next run");
    // an on-demand backup still works
    assertThat(bot.nightly().runNow("default").rows())
        .singleElement()
        .satisfies(r -> assertThat(r.run().succeeded()).as(r.run().error()).isTrue());
  }
}
