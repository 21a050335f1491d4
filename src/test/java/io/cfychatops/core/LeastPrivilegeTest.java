package io.cfychatops.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cfychatops.app.Bot;
import io.cfychatops.approvals.AuditEntry;
import io.cfychatops.chat.ChatException;
import io.cfychatops.config.BotConfig;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.store.JdbcAuditRepository;
import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A user sees and reaches only the managers a role is granted on; someone with no role costs the
 * bot almost nothing; a group lookup that fails is never read as "no role"; and a bot configured
 * from the environment alone has a way to name its first admin. Wired {@link Bot}, two managers
 * ({@code default} and {@code staging}) in front of one simulator.
 */
class LeastPrivilegeTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final Pattern OP_ID = Pattern.compile("op-[a-z0-9]+");
  static final Pattern REQUEST_ID = Pattern.compile("apr-[a-z0-9]{4,16}");
  static final String GRANTS =
      """
          - { manager: "*", role: operator, users: [alice] }
          - { manager: "*", role: approver, users: [bob] }
          - { manager: staging, role: viewer, users: [vera] }
          - { manager: staging, role: approver, users: [sam] }
      """;

  @TempDir Path dir;
  CloudifySimulator sim;
  CountingProxy proxy;
  RecordingChatPort chat;
  Bot bot;

  private void start(String grants, Map<String, String> env) throws Exception {
    sim = TestBots.fastSimulator();
    proxy = new CountingProxy(sim.baseUrl());
    chat = new RecordingChatPort();
    BotConfig cfg =
        TestBots.config(
            proxy.baseUrl(),
            grants,
            "  data_dir: \"" + dir.resolve("data") + "\"",
            dir.resolve("archives"),
            true,
            env);
    bot =
        new Bot(
            cfg,
            chat,
            SettableClock.ticking(),
            new Bot.Options(Duration.ofMillis(200), Duration.ofSeconds(5), "lp-test", false));
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (sim != null) {
      sim.stop();
    }
  }

  private String answer(String user, String text) throws InterruptedException {
    RecordingChatPort.Reply r = chat.reply(RecordingChatPort.CHANNEL);
    bot.core().onCommand(RecordingChatPort.invocation(user, text), r);
    return r.next(WAIT);
  }

  private String started(String user, String text) throws InterruptedException {
    String a = answer(user, text);
    Matcher m = OP_ID.matcher(a);
    assertThat(m.find()).as("operation id in: %s", a).isTrue();
    return m.group();
  }

  private List<AuditEntry> audit() {
    return new JdbcAuditRepository(bot.database()).recent(200, null);
  }

  @Test
  void aCommandFromSomeoneWithNoRoleIsRefusedBeforeItsTextIsRecordedOrRedacted() throws Exception {
    start(GRANTS, Map.of());
    String search = "pwd".repeat(1302); // the 3,932-character line took 88 s to refuse
    int before = proxy.count();
    long t0 = System.nanoTime();
    String a = answer("nora", "snapshots list --search " + search + " -m default");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(a).contains("`viewer` role").contains("you have no role");
    assertThat(ms).as("refusal took %d ms", ms).isLessThan(WAIT.toMillis());
    assertThat(proxy.count()).isEqualTo(before);
    List<AuditEntry> nora = audit().stream().filter(e -> e.userId().equals("nora")).toList();
    assertThat(nora)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo("denied");
              assertThat(e.detail()).doesNotContain("pwd").hasSizeLessThan(100);
            });
  }

  @Test
  void opsListAndShowOnlyReachTheManagersTheUserMayView() throws Exception {
    start(GRANTS, Map.of());
    String prodOp = started("alice", "snapshots create lp-default-1 -m default");
    String stagingOp = started("alice", "snapshots create lp-staging-1 -m staging");
    assertThat(bot.awaitIdle(Duration.ofSeconds(60))).isTrue();

    String list = answer("vera", "ops list");
    assertThat(list).contains(stagingOp).doesNotContain(prodOp).doesNotContain("on default");
    String hidden = answer("vera", "ops show " + prodOp);
    String missing = answer("vera", "ops show op-zzzzzz");
    assertThat(hidden)
        .isEqualTo(missing.replace("op-zzzzzz", prodOp)); // "not found", exactly as for no such id
    assertThat(hidden).doesNotContain("default").doesNotContain("forbidden");
    assertThat(answer("vera", "ops show " + stagingOp))
        .contains("lp-staging-1")
        .contains("staging");
    assertThat(answer("vera", "ops list -m default"))
        .contains("`viewer` role on manager `default`");
    assertThat(answer("vera", "ops cancel " + prodOp)).contains("No operation `" + prodOp + "`");
    // someone with the role everywhere sees both
    assertThat(answer("bob", "ops list")).contains(prodOp).contains(stagingOp);
    assertThat(answer("nora", "ops list"))
        .contains("`viewer` role on a manager")
        .doesNotContain(prodOp);
  }

  @Test
  void hintsNameOnlyTheManagersTheUserMayView() throws Exception {
    start(GRANTS, Map.of());
    assertThat(answer("vera", "snapshots list -m nope"))
        .contains("Unknown manager `nope`")
        .contains("Yours: staging.")
        .doesNotContain("default");
    assertThat(answer("nora", "snapshots list -m nope"))
        .contains("Unknown manager `nope`")
        .doesNotContain("staging")
        .doesNotContain("default");
    assertThat(answer("alice", "snapshots list -m nope")).contains("Yours: default, staging.");
  }

  @Test
  void backupsStatusListsOnlyTheManagersTheUserMayView() throws Exception {
    start(GRANTS, Map.of());
    String vera = answer("vera", "backups status");
    assertThat(vera).contains("staging").doesNotContain("default");
    assertThat(answer("bob", "backups status")).contains("staging").contains("default");
    assertThat(answer("nora", "backups status"))
        .contains("`viewer` role on a manager")
        .doesNotContain("staging");
  }

  @Test
  void theAuditLogShowsOnlyTheManagersTheUserApprovesOn() throws Exception {
    start(GRANTS, Map.of());
    answer("alice", "snapshots list -m default");
    answer("alice", "snapshots list -m staging");
    String sam = answer("sam", "audit");
    assertThat(sam)
        .contains("Audit log — staging")
        .contains("[staging]")
        .doesNotContain("[default]");
    assertThat(answer("sam", "audit -m default")).contains("`approver` role on manager `default`");
    assertThat(answer("bob", "audit")).contains("[staging]").contains("[default]");
    assertThat(answer("vera", "audit"))
        .contains("`approver` role on a manager")
        .doesNotContain("[staging]");
  }

  @Test
  void aFailedGroupLookupSaysSoInsteadOfNoRoleAndIsNotRemembered() throws Exception {
    start(
        """
          - { manager: "*", role: operator, users: [alice] }
          - { manager: "*", role: approver, groups: [sre-leads] }
      """,
        Map.of());
    sim.seedSnapshot(
        "grp-1",
        "created",
        null,
        Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    String ack = answer("alice", "snapshots restore grp-1 -m default");
    Matcher m = REQUEST_ID.matcher(ack);
    assertThat(m.find()).as(ack).isTrue();
    String request = m.group();

    chat.groups =
        g -> {
          throw new ChatException("request_timeout", "usergroups.users.list timed out");
        };
    String during = answer("bob", "approve " + request);
    assertThat(during)
        .contains("Could not check your membership of user group `sre-leads`")
        .contains("try again")
        .doesNotContain("you need");
    assertThat(proxy.count("POST /api/v[0-9.]+/snapshots/[^/]+/restore")).isZero();

    chat.groups =
        g -> Set.of("bob"); // Slack answers again: bob may vote at once, no cached failure
    assertThat(answer("bob", "approve " + request)).contains("Approved by").contains("started");
  }

  @Test
  void withNoGrantTheRefusalSaysHowToNameTheFirstAdminAndTheStartWarns() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger botLog = (Logger) LoggerFactory.getLogger(Bot.class);
    botLog.addAppender(logs);
    try {
      start("", Map.of());
    } finally {
      botLog.detachAppender(logs);
    }
    assertThat(logs.list)
        .anySatisfy(
            e ->
                assertThat(e.getFormattedMessage())
                    .contains("No access grants are configured")
                    .contains("CFY_CHATOPS_ADMINS"));
    String a = answer("U0DAVE", "snapshots list -m default");
    assertThat(a)
        .contains("CFY_CHATOPS_ADMINS")
        .contains("`U0DAVE`")
        .doesNotContain("Ask the platform team");
    assertThat(bot.home("U0DAVE").fallbackText()).contains("CFY_CHATOPS_ADMINS");
  }

  @Test
  void aBootstrapAdminFromTheEnvironmentMayUseEveryManager() throws Exception {
    start("", Map.of("CFY_CHATOPS_ADMINS", "U0ROOT"));
    assertThat(answer("U0ROOT", "snapshots list -m staging")).contains("Snapshots on staging");
    assertThat(answer("U0ROOT", "snapshots create boot-1 -m default"))
        .contains("Started operation");
    assertThat(answer("U0ROOT", "audit")).contains("Audit log");
    assertThat(answer("U0OTHER", "snapshots list -m default")).contains("you have no role");
  }
}
