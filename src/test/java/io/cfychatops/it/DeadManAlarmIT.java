package io.cfychatops.it;

import static io.cfychatops.it.BotYaml.Users.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.backup.DeadManAlarm;
import io.cfychatops.testing.Await;
import io.cfychatops.testing.FakeSlackApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README promise "if the bot or its host dies, Slack posts the dead-man alarm on time": the built
 * jar in HTTP mode beside the fake Slack Web API (whose schedule runs on the system clock, like the
 * bot's) with {@code dead_man_after: 1h}.
 *
 * <ol>
 *   <li>on start, {@code default} has no verified copy: one alarm counting from the start;
 *   <li>a verified run of the nightly pipeline ({@code /cfy backups run}; the scheduled nightly
 *       takes the same path) replaces it, new first, old deleted: exactly one alarm, {@code
 *       post_at} = verified time + 1 h, the dead-man text with the on-call ping, no {@code
 *       metadata};
 *   <li>kill -9: the alarm is still scheduled; a restart reconciles and schedules nothing new;
 *   <li>kill -9 again, and Slack's timer passes {@code post_at}: the alarm is posted in the reports
 *       channel with nobody alive to post it;
 *   <li>restart: the alarm Slack posted is scheduled again, exactly one.
 * </ol>
 */
class DeadManAlarmIT {
  static final Duration STEP = Duration.ofSeconds(30);
  static final Duration OP = Duration.ofSeconds(60);
  static final long AFTER_SECONDS = 3600;

  @Test
  void theAlarmSlackPostsForUsIsReplacedAfterANightlySurvivesKill9AndStaysOneAcrossRestarts()
      throws Exception {
    try (Stack s = Stack.start("DeadManAlarmIT", Stack.Engine.EMBEDDED, "--exec-seconds", "1")) {
      FakeSlackApi fake = s.fake;
      BotProcess bot = s.httpBot("bot", s.config().deadManAfter("1h"));

      // 1. no verified copy yet: the first alarm counts from the start
      awaitReconciled(bot, 1);
      FakeSlackApi.Scheduled first = onlyAlarm(fake);
      assertThat(first.text()).contains("No verified backup of default on record");
      assertThat(first.postAt())
          .isBetween(
              bot.startedAtMillis() / 1000 + AFTER_SECONDS,
              System.currentTimeMillis() / 1000 + AFTER_SECONDS + 1);

      // 2. a verified nightly replaces it
      long before = System.currentTimeMillis() / 1000;
      String ask = s.slack.slash(bot, ALICE, "backups run -m default");
      s.slack.awaitAnswer(ask, b -> b.contains("Running the nightly backup of default now"), STEP);
      FakeSlackApi.Call report = s.slack.awaitPost(SlackDriver.CHANNEL, "Backup of default", OP);
      assertThat(SlackDriver.visible(report))
          .contains("Backup of default succeeded")
          .contains("verified");
      Matcher snapshot =
          Pattern.compile("nightly-default-[0-9-]+").matcher(SlackDriver.visible(report));
      assertThat(snapshot.find()).isTrue();
      Await.require(
          STEP,
          "the first alarm deleted after the new one was scheduled",
          () ->
              fake.calls("chat.deleteScheduledMessage").stream()
                  .anyMatch(c -> first.id().equals(c.param("scheduled_message_id"))));
      FakeSlackApi.Scheduled alarm = onlyAlarm(fake);
      List<FakeSlackApi.Call> schedules = fake.calls("chat.scheduleMessage");
      assertThat(schedules)
          .hasSize(2)
          .allSatisfy(c -> assertThat(c.params()).doesNotContainKey("metadata"));
      FakeSlackApi.Call scheduled = schedules.get(1);
      assertThat(fake.calls().indexOf(scheduled))
          .as("new alarm first, then the old one deleted")
          .isLessThan(fake.calls().indexOf(fake.calls("chat.deleteScheduledMessage").get(0)));
      assertThat(alarm.postAt())
          .as("verified time + dead_man_after")
          .isBetween(before + AFTER_SECONDS, fake.receivedAt(scheduled) / 1000 + AFTER_SECONDS + 1);
      assertThat(alarm.channel()).isEqualTo(BotYaml.REPORTS);
      assertThat(alarm.text())
          .startsWith("<!subteam^" + BotYaml.ONCALL + "> ")
          .contains("No verified backup of default for 1h")
          .contains(snapshot.group())
          .contains(DeadManAlarm.marker("default"));
      assertThat(fake.violations()).isEmpty();

      // 3. kill -9: still scheduled; a restart finds it and schedules nothing
      bot.kill9();
      assertThat(onlyAlarm(fake).id()).isEqualTo(alarm.id());
      bot.restart();
      awaitReconciled(bot, 1);
      assertThat(onlyAlarm(fake).id()).isEqualTo(alarm.id());
      assertThat(fake.calls("chat.scheduleMessage")).hasSize(2);

      // 4. dead again, and the alarm's time comes: Slack posts it, nobody else could
      bot.kill9();
      List<FakeSlackApi.Call> posted = fake.advanceTo(alarm.postAtInstant());
      assertThat(posted)
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.param("channel")).isEqualTo(BotYaml.REPORTS);
                assertThat(c.param("scheduled_message_id")).isEqualTo(alarm.id());
                assertThat(c.param("text"))
                    .contains("No verified backup of default")
                    .contains("<!subteam^" + BotYaml.ONCALL + ">")
                    .contains("Slack posted this alarm by itself");
              });
      assertThat(s.slack.posts(BotYaml.REPORTS, "No verified backup of default")).hasSize(1);

      // 5. back up: the posted alarm is scheduled again, once
      bot.restart();
      awaitReconciled(bot, 1);
      FakeSlackApi.Scheduled again = onlyAlarm(fake);
      assertThat(again.id()).isNotEqualTo(alarm.id());
      assertThat(again.postAt())
          .as("still verified time + 1 h on the bot's clock")
          .isEqualTo(alarm.postAt());
      assertThat(fake.calls("chat.scheduleMessage")).hasSize(3);
      assertThat(fake.violations()).isEmpty();
      Figures.record(
          "DeadManAlarmIT",
          "alarm post_at "
              + (alarm.postAt() - before)
              + " s after the run was asked for"
              + " (dead_man_after 3600 s); schedule calls "
              + fake.calls("chat.scheduleMessage").size()
              + ", deletes "
              + fake.calls("chat.deleteScheduledMessage").size()
              + ", lists "
              + fake.calls("chat.scheduledMessages.list").size()
              + " over 3 starts");
    }
  }

  /** The one alarm the fake holds in the reports channel (fails when there are none or several). */
  private static FakeSlackApi.Scheduled onlyAlarm(FakeSlackApi fake) {
    List<FakeSlackApi.Scheduled> alarms =
        fake.scheduled().stream()
            .filter(m -> DeadManAlarm.markedManager(m.text()).isPresent())
            .toList();
    assertThat(alarms).as("scheduled dead-man alarms").hasSize(1);
    return alarms.get(0);
  }

  /**
   * Waits until the current process of {@code bot} logged its start-up reconcile {@code n} times.
   */
  private static void awaitReconciled(BotProcess bot, int n) {
    Path err = bot.process().stdout().resolveSibling(bot.process().name() + ".err");
    Await.require(
        STEP,
        "the dead-man alarm reconciled in " + err,
        () -> count(err, "Dead-man alarm reconciled") >= n);
  }

  private static int count(Path file, String text) {
    try {
      String s = Files.exists(file) ? Files.readString(file) : "";
      int n = 0;
      for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + 1)) {
        n++;
      }
      return n;
    } catch (IOException e) {
      if (e instanceof java.nio.charset.MalformedInputException) {
        return 0;
      }
      throw new UncheckedIOException(e);
    }
  }
}
