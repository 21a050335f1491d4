package io.cfychatops.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cfychatops.app.Bot;
import io.cfychatops.config.BotConfig;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.testing.Await;
import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What runs is what was asked and approved: every flag of {@code snapshots create} and {@code
 * snapshots restore} (and the request shape of upload, download, delete and maintenance) reaches
 * the manager's request exactly as the {@code cfy} CLI / official REST client sends it
 * (cloudify-api.md §3.3–3.7). The chat command goes through the wired bot; the request is read
 * where it arrives, at a recording proxy in front of the simulator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovedFlagsTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final ObjectMapper JSON = new ObjectMapper();
  static final String GRANTS =
      """
          - { manager: "*", role: operator, users: [alice] }
          - { manager: "*", role: approver, users: [bob] }
      """;

  CloudifySimulator sim;
  CountingProxy proxy;
  RecordingChatPort chat;
  Bot bot;
  int seq;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    sim = TestBots.fastSimulator();
    proxy = new CountingProxy(sim.baseUrl());
    chat = new RecordingChatPort();
    BotConfig cfg =
        TestBots.config(
            proxy.baseUrl(),
            GRANTS,
            "  data_dir: \"" + dir.resolve("data") + "\"",
            dir.resolve("archives"),
            false);
    bot =
        new Bot(
            cfg,
            chat,
            SettableClock.ticking(),
            new Bot.Options(Duration.ofMillis(200), Duration.ofSeconds(5), "flags-test", false));
  }

  @AfterEach
  void settle() {
    assertThat(bot.awaitIdle(Duration.ofSeconds(60))).isTrue();
  }

  @AfterAll
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

  /** Runs {@code text} as alice and, when it asks for approval, approves it as bob. */
  private void runApproved(String text) throws InterruptedException {
    String a = answer("alice", text);
    Matcher req = Pattern.compile("apr-[a-z0-9]{4,16}").matcher(a);
    if (req.find()) {
      assertThat(answer("bob", "approve " + req.group())).as(a).contains("started");
    } else {
      assertThat(a).contains("Started operation");
    }
  }

  private CountingProxy.Recorded awaitRequest(String regex) {
    Await.require(WAIT, regex, () -> !proxy.recorded(regex).isEmpty());
    List<CountingProxy.Recorded> found = proxy.recorded(regex);
    assertThat(found).as("requests matching %s", regex).hasSize(1);
    return found.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(CountingProxy.Recorded r) throws Exception {
    return JSON.readValue(r.body(), LinkedHashMap.class);
  }

  private String nextId(String prefix) {
    return prefix + "-" + (++seq);
  }

  private void seed(String id) {
    sim.seedSnapshot(
        id,
        "created",
        null,
        Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
  }

  @ParameterizedTest(name = "create {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                          | {\"include_credentials\":true,\"include_logs\":true,\"include_events\":true,\"queue\":false}",
        "--exclude-credentials       | {\"include_credentials\":false,\"include_logs\":true,\"include_events\":true,\"queue\":false}",
        "--exclude-logs              | {\"include_credentials\":true,\"include_logs\":false,\"include_events\":true,\"queue\":false}",
        "--exclude-events            | {\"include_credentials\":true,\"include_logs\":true,\"include_events\":false,\"queue\":false}",
        "--queue                     | {\"include_credentials\":true,\"include_logs\":true,\"include_events\":true,\"queue\":true}",
        "--tempdir-path /var/tmp/sn  | {\"include_credentials\":true,\"include_logs\":true,\"include_events\":true,\"queue\":false,\"tempdir_path\":\"/var/tmp/sn\"}",
        "--legacy                    | {\"include_credentials\":true,\"include_logs\":true,\"include_events\":true,\"queue\":false,\"legacy\":true}",
        "--no-legacy                 | {\"include_credentials\":true,\"include_logs\":true,\"include_events\":true,\"queue\":false,\"legacy\":false}",
        "--listener-timeout 30       | {\"include_credentials\":true,\"include_logs\":true,\"include_events\":true,\"queue\":false,\"listener_timeout\":30.0}",
        "--no-legacy --listener-timeout 2.5 --queue --exclude-logs | {\"include_credentials\":true,\"include_logs\":false,\"include_events\":true,\"queue\":true,\"legacy\":false,\"listener_timeout\":2.5}"
      })
  void everyCreateFlagReachesTheRequestBody(String flags, String expected) throws Exception {
    String id = nextId("flag-create");
    runApproved("snapshots create " + id + " " + flags);
    CountingProxy.Recorded put = awaitRequest("PUT /api/v[0-9.]+/snapshots/" + id);
    assertThat(body(put)).isEqualTo(JSON.readValue(expected, LinkedHashMap.class));
  }

  @ParameterizedTest(name = "restore {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                   | false | false | false | false",
        "-f                                   | true  | false | false | false",
        "--restore-certificates               | false | true  | false | false",
        "--restore-certificates --no-reboot   | false | true  | true  | false",
        "-i                                   | false | false | false | true",
        "--ignore-plugin-failure --force      | true  | false | false | true"
      })
  void everyRestoreFlagReachesTheRequestBody(
      String flags, boolean force, boolean certs, boolean noReboot, boolean ignorePluginFailure)
      throws Exception {
    String id = nextId("flag-restore");
    seed(id);
    runApproved("snapshots restore " + id + " --no-safety-snapshot " + flags);
    CountingProxy.Recorded post = awaitRequest("POST /api/v[0-9.]+/snapshots/" + id + "/restore");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("force", force);
    expected.put("restore_certificates", certs);
    expected.put("no_reboot", noReboot);
    expected.put("recreate_deployments_envs", true);
    expected.put("ignore_plugin_failure", ignorePluginFailure);
    assertThat(body(post)).isEqualTo(expected);
  }

  @Test
  void anUploadFromAUrlSendsTheWholeUrlAsTheQueryAndNoBody() throws Exception {
    String id = nextId("flag-upload");
    String url = proxy.baseUrl() + "/api/v3.1/snapshots/flag-src/archive?sv=1&sig=abc%2Bdef";
    seed("flag-src");
    runApproved("snapshots upload " + url + " -s " + id);
    CountingProxy.Recorded put = awaitRequest("PUT /api/v[0-9.]+/snapshots/" + id + "/archive");
    assertThat(URLDecoder.decode(put.query(), StandardCharsets.UTF_8))
        .isEqualTo("snapshot_archive_url=" + url);
    assertThat(put.body()).isEmpty();
  }

  @Test
  void downloadAndDeleteAddressTheSnapshotById() throws Exception {
    String id = nextId("flag-dl");
    seed(id);
    runApproved("snapshots download " + id);
    awaitRequest("GET /api/v[0-9.]+/snapshots/" + id + "/archive");
    assertThat(bot.awaitIdle(Duration.ofSeconds(60))).isTrue();
    runApproved("snapshots delete " + id);
    awaitRequest("DELETE /api/v[0-9.]+/snapshots/" + id);
  }

  @Test
  void maintenanceActivateAndDeactivatePostTheirActions() throws Exception {
    int before = proxy.recorded("POST /api/v[0-9.]+/maintenance/activate").size();
    runApproved("maintenance-mode activate --wait --timeout 600");
    Await.require(
        WAIT,
        "activate",
        () -> proxy.recorded("POST /api/v[0-9.]+/maintenance/activate").size() > before);
    assertThat(bot.awaitIdle(Duration.ofSeconds(60))).isTrue();
    assertThat(bot.engine().recent(1).get(0).spec())
        .isEqualTo(
            new io.cfychatops.ops.OperationSpec.MaintenanceOnSpec(
                java.time.Duration.ofSeconds(600)));
    runApproved("maintenance-mode deactivate");
    Await.require(
        WAIT,
        "deactivate",
        () -> !proxy.recorded("POST /api/v[0-9.]+/maintenance/deactivate").isEmpty());
  }
}
