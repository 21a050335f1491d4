package io.cfychatops.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.chat.ActionInvocation;
import io.cfychatops.chat.ChatUser;
import io.cfychatops.config.BotConfig;
import io.cfychatops.core.TestBots;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.OpStatus;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.store.TestDatabases;
import io.cfychatops.store.TestDb;
import io.cfychatops.testing.Await;
import io.cfychatops.testing.RecordingChatPort;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A snapshot with the longest valid id (256 characters) can be restored and deleted from chat, on
 * the embedded database and on PostgreSQL. Before {@code V3__wide_ids} the approval request could
 * not be stored ({@code VARCHAR(200)}): the user got a store error instead of an approval card.
 */
class LongSnapshotIdTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final Pattern REQUEST_ID = Pattern.compile("apr-[a-z0-9]{4,16}");
  static final String LONGEST = "long-" + "0123456789".repeat(26).substring(0, 251);
  static final String LONGEST_TOO = "wide-" + "0123456789".repeat(26).substring(0, 251);

  @TempDir Path dir;
  TestDb pg;
  CloudifySimulator sim;
  Bot bot;

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    if (sim != null) {
      sim.stop();
    }
    if (pg != null) {
      pg.close();
    }
  }

  private String store(String engine, Map<String, String> env) throws Exception {
    if (engine.equals("hsqldb")) {
      return "  data_dir: \"" + dir.resolve("data") + "\"";
    }
    pg = TestDatabases.postgresql();
    String url;
    try (Connection c =
        pg.db().dataSource().getConnection()) { // aborts (or fails under CI) without PostgreSQL
      url = c.getMetaData().getURL();
    }
    String store =
        "  url: \""
            + url
            + "\"\n  username: "
            + envOr("CFY_TEST_PG_USER", "postgres")
            + "\n"
            + "  data_dir: \""
            + dir.resolve("data")
            + "\"";
    if (System.getenv("CFY_TEST_PG_PASSWORD") != null) {
      env.put("CFY_TEST_PG_PASSWORD", System.getenv("CFY_TEST_PG_PASSWORD"));
      store += "\n  password_env: CFY_TEST_PG_PASSWORD";
    }
    return store;
  }

  private static String envOr(String name, String otherwise) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? otherwise : v;
  }

  private String approve(RecordingChatPort chat, String requestId) throws InterruptedException {
    RecordingChatPort.Reply r = chat.reply(RecordingChatPort.CHANNEL);
    bot.core()
        .onAction(
            new ActionInvocation(
                new ChatUser("U_BOB", "bob", "T0TEST"),
                RecordingChatPort.CHANNEL,
                "approval.approve",
                requestId,
                null),
            r);
    return r.next(WAIT);
  }

  private String request(RecordingChatPort chat, String command) throws InterruptedException {
    RecordingChatPort.Reply opened = chat.reply(RecordingChatPort.CHANNEL);
    bot.core().onCommand(RecordingChatPort.invocation("U_ALICE", command), opened);
    String answer = opened.next(WAIT);
    Matcher m = REQUEST_ID.matcher(answer);
    assertThat(m.find()).as("an approval request, got: %s", answer).isTrue();
    return m.group();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"hsqldb", "postgresql"})
  void theLongestValidIdCanBeRestoredAndDeletedFromChat(String engine) throws Exception {
    assertThat(LONGEST).hasSize(256);
    Map<String, String> env = new HashMap<>();
    String store = store(engine, env);
    sim = TestBots.fastSimulator();
    Instant created = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    sim.seedSnapshot(LONGEST, "created", null, created);
    sim.seedSnapshot(LONGEST_TOO, "created", null, created);
    BotConfig cfg =
        TestBots.config(
            sim.baseUrl(),
            """
            - { manager: "*", role: operator, users: [U_ALICE] }
            - { manager: "*", role: approver, users: [U_BOB] }
        """,
            store,
            dir.resolve("archives"),
            false,
            env);
    RecordingChatPort chat = new RecordingChatPort();
    bot =
        new Bot(
            cfg,
            chat,
            Clock.systemUTC(),
            new Bot.Options(Duration.ofMillis(200), Duration.ofSeconds(5), "long-id", false));
    assertThat(bot.database().describe()).containsIgnoringCase(engine);

    String delete = request(chat, "snapshots delete " + LONGEST_TOO);
    assertThat(approve(chat, delete)).contains("started");
    Await.require(
        WAIT,
        "the delete to finish",
        () ->
            bot.engine().recent(10).stream()
                .anyMatch(o -> o.kind() == OpKind.DELETE && o.status().isFinal()));
    assertThat(bot.engine().recent(10).stream().filter(o -> o.kind() == OpKind.DELETE))
        .singleElement()
        .satisfies(o -> assertThat(o.status()).isEqualTo(OpStatus.SUCCEEDED));

    String restore = request(chat, "snapshots restore " + LONGEST);
    assertThat(approve(chat, restore)).contains("started");
    Await.require(
        WAIT,
        "the restore to finish",
        () ->
            bot.engine().recent(10).stream()
                .anyMatch(o -> o.kind() == OpKind.RESTORE && o.status().isFinal()));
    assertThat(bot.engine().recent(10).stream().filter(o -> o.kind() == OpKind.RESTORE))
        .singleElement()
        .satisfies(o -> assertThat(o.status()).isEqualTo(OpStatus.SUCCEEDED));
    assertThat(chat.events().stream().map(RecordingChatPort.Event::text))
        .noneMatch(
            t ->
                t.contains("StoreException")
                    || t.contains("right truncation")
                    || t.contains("too long"));
  }
}
