package io.cfychatops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.app.Bot;
import io.cfychatops.config.BotConfig;
import io.cfychatops.config.ConfigException;
import io.cfychatops.config.ConfigLoader;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed confirmation through the core as the console drives it: a rule with {@code confirm: typed}
 * makes the completing {@code approve} need {@code --confirm SNAPSHOT_ID}; a transport without
 * forms (the console) is told how to type it.
 */
class TypedConfirmationConsoleTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final Pattern REQUEST_ID = Pattern.compile("apr-[a-z0-9]{4,16}");

  @TempDir Path dir;
  CloudifySimulator sim;
  RecordingChatPort chat;
  Bot bot;

  static String yaml(String url, Path dir, String rule) {
    return """
        managers:
          - name: default
            url: %s
            username: admin
            password_env: %s
        access:
          grants:
            - { manager: "*", role: operator, users: [alice] }
            - { manager: "*", role: approver, users: [bob] }
        approvals:
          defaults: { required_votes: 1 }
          rules:
            - %s
        store:
          data_dir: "%s"
        backups:
          archive_root: "%s"
        """
        .formatted(url, TestBots.PASSWORD_ENV, rule, dir.resolve("data"), dir.resolve("a"));
  }

  @BeforeEach
  void start() throws Exception {
    sim = TestBots.fastSimulator();
    chat = new RecordingChatPort();
    BotConfig cfg =
        new ConfigLoader(Map.of(TestBots.PASSWORD_ENV, TestBots.MANAGER_PASSWORD))
            .loadText(
                yaml(sim.baseUrl(), dir, "{ manager: default, action: restore, confirm: typed }"));
    bot =
        new Bot(
            cfg,
            chat,
            SettableClock.ticking(),
            new Bot.Options(Duration.ofMillis(200), Duration.ofSeconds(5), "typed", false));
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    sim.stop();
  }

  private String answer(String user, String text) throws InterruptedException {
    RecordingChatPort.Reply r = chat.reply(RecordingChatPort.CHANNEL);
    bot.core().onCommand(RecordingChatPort.invocation(user, text), r);
    return r.next(WAIT);
  }

  @Test
  void theConsoleApprovesWithConfirmAndAWrongIdCountsNoVote() throws Exception {
    sim.seedSnapshot(
        "snap-A1",
        "created",
        null,
        Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    Matcher m = REQUEST_ID.matcher(answer("alice", "snapshots restore snap-A1"));
    assertThat(m.find()).isTrue();
    String id = m.group();

    assertThat(answer("bob", "approve " + id))
        .contains("--confirm snap-A1")
        .contains("Nothing was counted");
    assertThat(answer("bob", "approve " + id + " --confirm snap-a1"))
        .contains("not the snapshot id")
        .contains("nothing was counted");
    assertThat(bot.engine().recent(10)).isEmpty();
    assertThat(answer("bob", "approve " + id + " --confirm snap-A1")).contains("started");
    assertThat(bot.awaitIdle(Duration.ofSeconds(60))).isTrue();
    assertThat(bot.engine().recent(10)).hasSize(1);
    assertThat(answer("bob", "audit 20")).contains("confirmation_mismatch");
  }

  @Test
  void anUnknownConfirmModeIsAConfigProblem() {
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of(TestBots.PASSWORD_ENV, "x"))
                    .loadText(yaml("https://m.example", dir, "{ action: restore, confirm: yes }")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("confirm: `typed` or `click` expected");
  }
}
