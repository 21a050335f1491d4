package io.cfychatops.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cfychatops.app.Bot;
import io.cfychatops.approvals.AuditEntry;
import io.cfychatops.config.BotConfig;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.store.JdbcAuditRepository;
import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak: an approved upload over an existing id from a pre-signed (Azure SAS) URL put
 * {@code sig=…} on the channel card, the progress message and two audit rows. The URL's query is
 * its credential: wherever the upload is shown (card, progress, audit, {@code ops show}) only
 * {@code scheme://host/path} appears, while the manager still gets the whole URL.
 */
class UploadUrlDisplayTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final String SIG = "AbCsAsSiGnAtUrE0123%2B%3D";
  static final String GRANTS =
      """
          - { manager: "*", role: operator, users: [alice] }
          - { manager: "*", role: approver, users: [bob] }
      """;

  @TempDir Path dir;
  CloudifySimulator sim;
  RecordingChatPort chat;
  Bot bot;
  HttpServer files;
  final List<String> fetched = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    files.createContext(
        "/",
        ex -> {
          fetched.add(ex.getRequestURI().toString());
          byte[] body = "PK not really a zip".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
          }
        });
    files.start();
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
            SettableClock.ticking(),
            new Bot.Options(Duration.ofMillis(200), Duration.ofSeconds(5), "url-test", false));
  }

  @AfterEach
  void stop() {
    bot.close();
    sim.stop();
    files.stop(0);
  }

  private String answer(String user, String text) throws InterruptedException {
    RecordingChatPort.Reply r = chat.reply(RecordingChatPort.CHANNEL);
    bot.core().onCommand(RecordingChatPort.invocation(user, text), r);
    return r.next(WAIT);
  }

  @Test
  void anApprovedUploadFromASasUrlShowsOnlySchemeHostAndPath() throws Exception {
    sim.seedSnapshot(
        "sas-1",
        "created",
        null,
        Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    String base = "http://127.0.0.1:" + files.getAddress().getPort() + "/backups/sas-1.zip";
    String url = base + "?sv=2022-11-02&se=2030-01-01T00%3A00%3A00Z&sr=b&sp=r&sig=" + SIG;

    String asked = answer("alice", "snapshots upload " + url + " -s sas-1");
    Matcher id = Pattern.compile("apr-[a-z0-9]{4,16}").matcher(asked);
    assertThat(id.find()).as(asked).isTrue();
    RecordingChatPort.Event card =
        chat.await(e -> e.kind().equals("post") && e.text().contains(id.group()), WAIT);
    assertThat(card.text()).contains(base).doesNotContain("sig=").doesNotContain("sv=");

    String approved = answer("bob", "approve " + id.group());
    assertThat(approved).contains("started");
    assertThat(bot.awaitIdle(Duration.ofSeconds(60))).isTrue();
    assertThat(bot.engine().recent(5))
        .singleElement()
        .satisfies(op -> assertThat(op.status().name()).isEqualTo("SUCCEEDED"));
    // what ran is what was approved: the manager fetched the whole URL, signature included
    assertThat(fetched).singleElement().satisfies(u -> assertThat(u).contains("sig=" + SIG));

    Matcher op = Pattern.compile("op-[a-z0-9]+").matcher(approved);
    assertThat(op.find()).isTrue();
    String show = answer("alice", "ops show " + op.group());
    assertThat(show).contains(base).doesNotContain(SIG).doesNotContain("sig=");

    for (RecordingChatPort.Event e :
        chat.events()) { // card, its updates, the progress message and its thread
      assertThat(e.message().toString())
          .as("%s %s", e.kind(), e.text())
          .doesNotContain(SIG)
          .doesNotContain("sig=");
    }
    List<AuditEntry> rows = new JdbcAuditRepository(bot.database()).recent(200, null);
    assertThat(rows)
        .hasSizeGreaterThan(3)
        .allSatisfy(e -> assertThat(e.detail()).doesNotContain(SIG).doesNotContain("sig="));
    assertThat(rows).anySatisfy(e -> assertThat(e.detail()).contains(base));
    assertThat(answer("bob", "audit")).doesNotContain(SIG).doesNotContain("sig=");
  }
}
