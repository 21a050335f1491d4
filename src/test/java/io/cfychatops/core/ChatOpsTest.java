package io.cfychatops.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.app.Bot;
import io.cfychatops.config.BotConfig;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.testing.Await;
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
 * The core through the wired {@link Bot}: real simulator behind a counting proxy, embedded HSQLDB,
 * a recording chat port. Proves refusals happen before any manager call, and that the approval life
 * cycle (deny, cancel, fingerprint change, expiry) never runs anything it should not.
 */
class ChatOpsTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final Pattern REQUEST_ID = Pattern.compile("apr-[a-z0-9]{4,16}");
  static final String GRANTS =
      """
          - { manager: "*", role: operator, users: [alice] }
          - { manager: "*", role: approver, users: [bob, carol] }
          - { manager: "*", role: viewer, users: [vera] }
      """;

  @TempDir Path dir;
  CloudifySimulator sim;
  CountingProxy proxy;
  RecordingChatPort chat;
  SettableClock clock;
  Bot bot;

  @BeforeEach
  void start() throws Exception {
    sim = TestBots.fastSimulator();
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
            new Bot.Options(Duration.ofMillis(200), Duration.ofSeconds(5), "core-test", false));
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    proxy.close();
    sim.stop();
  }

  private RecordingChatPort.Reply run(String user, String text) {
    RecordingChatPort.Reply r = chat.reply(RecordingChatPort.CHANNEL);
    bot.core().onCommand(RecordingChatPort.invocation(user, text), r);
    return r;
  }

  private String answer(String user, String text) throws InterruptedException {
    return run(user, text).next(WAIT);
  }

  private long restoresAtManager() {
    return proxy.count("POST /api/v[0-9.]+/snapshots/[^/]+/restore");
  }

  /** Opens a restore request for a seeded snapshot as alice; returns [request id, card ts]. */
  private String[] openRestore(String snapshot) throws InterruptedException {
    String ack = answer("alice", "snapshots restore " + snapshot);
    Matcher m = REQUEST_ID.matcher(ack);
    assertThat(m.find()).as("request id in: %s", ack).isTrue();
    String id = m.group();
    RecordingChatPort.Event card =
        chat.await(e -> e.kind().equals("post") && e.text().contains(id), WAIT);
    assertThat(card.text())
        .contains("Approval needed: restore on default")
        .contains("Approve")
        .contains("Deny");
    return new String[] {id, card.ts()};
  }

  private RecordingChatPort.Event awaitCardUpdate(String ts, String title)
      throws InterruptedException {
    return chat.await(
        e -> e.kind().equals("update") && e.ts().equals(ts) && e.text().contains(title), WAIT);
  }

  private void seed(String id) {
    sim.seedSnapshot(
        id,
        "created",
        null,
        Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
  }

  @Test
  void parseErrorAnswersWithUsageAndCallsNothing() throws Exception {
    int before = proxy.count();
    String a = answer("alice", "snapshots frobnicate now");
    assertThat(a).contains("[warn]").containsIgnoringCase("usage");
    assertThat(proxy.count()).isEqualTo(before);
    assertThat(chat.events()).isEmpty();
    assertThat(bot.engine().recent(10)).isEmpty();
  }

  @Test
  void unknownManagerListsTheConfiguredOnes() throws Exception {
    int before = proxy.count();
    String a = answer("alice", "snapshots list -m nope");
    assertThat(a).contains("Unknown manager `nope`").contains("default").contains("staging");
    assertThat(proxy.count()).isEqualTo(before);
  }

  @Test
  void invalidSnapshotIdStatesTheRuleAndNoRequestReachesTheManager() throws Exception {
    int before = proxy.count();
    String create = answer("alice", "snapshots create 9-bad!id");
    String restore = answer("alice", "snapshots restore ../../etc");
    assertThat(create).contains("must start with a letter");
    assertThat(restore).contains("must start with a letter");
    assertThat(proxy.requests().subList(before, proxy.count())).isEmpty();
    assertThat(chat.events()).isEmpty();
    assertThat(bot.engine().recent(10)).isEmpty();
  }

  @Test
  void missingRoleNamesTheRoleAndTheContact() throws Exception {
    int before = proxy.count();
    String a = answer("dave", "snapshots create nightly-x");
    assertThat(a)
        .contains("`operator` role")
        .contains("manager `default`")
        .contains("you have no role")
        .contains("the platform team (#platform)");
    assertThat(proxy.count()).isEqualTo(before);
    assertThat(bot.engine().recent(10)).isEmpty();
  }

  @Test
  void viewerCanListButNotCreate() throws Exception {
    seed("seen-1");
    String list = answer("vera", "snapshots list");
    assertThat(list).contains("Snapshots on default").contains("seen-1").contains("created");
    int before = proxy.count();
    String create = answer("vera", "snapshots create vera-1");
    assertThat(create).contains("`operator` role").contains("viewer");
    assertThat(proxy.count()).isEqualTo(before);
    assertThat(bot.engine().recent(10)).isEmpty();
  }

  @Test
  void auditShowsCommandAndVoteToApproversOnly() throws Exception {
    seed("aud-1");
    String[] req = openRestore("aud-1");
    assertThat(answer("bob", "deny " + req[0])).contains("You denied " + req[0]);
    String audit = answer("bob", "audit");
    assertThat(audit)
        .contains("Audit log")
        .contains("@alice")
        .contains("snapshots restore aud-1")
        .contains("@bob")
        .contains(req[0]);
    assertThat(audit.lines().filter(l -> l.contains("@bob") && l.contains(req[0])).count())
        .isGreaterThanOrEqualTo(1);
    assertThat(answer("alice", "audit")).contains("`approver` role");
  }

  @Test
  void tamperedOrUnknownRequestIdsAreRefused() throws Exception {
    seed("tam-1");
    String[] req = openRestore("tam-1");
    String tampered = answer("bob", "approve apr-XXXX!");
    String unknown = answer("bob", "approve apr-zzzz9999");
    String clicked = clickAnswer("bob", "approval.approve", req[0] + "'; drop table approvals;--");
    assertThat(tampered).contains("[warn]").doesNotContain("Approved");
    assertThat(unknown).contains("There is no approval request apr-zzzz9999");
    assertThat(clicked).contains("[warn]").doesNotContain("Approved");
    assertThat(restoresAtManager()).isZero();
    assertThat(bot.engine().recent(10)).isEmpty();
    // the real request is untouched and still works
    assertThat(answer("bob", "approve " + req[0])).contains("operation").contains("started");
  }

  private String clickAnswer(String user, String actionId, String value)
      throws InterruptedException {
    RecordingChatPort.Reply r = chat.reply(RecordingChatPort.CHANNEL);
    bot.core()
        .onAction(
            new io.cfychatops.chat.ActionInvocation(
                new io.cfychatops.chat.ChatUser(user, user, "T0TEST"),
                RecordingChatPort.CHANNEL,
                actionId,
                value,
                null),
            r);
    return r.next(WAIT);
  }

  @Test
  void denyEndsTheRequest() throws Exception {
    seed("den-1");
    String[] req = openRestore("den-1");
    assertThat(answer("bob", "deny " + req[0])).contains("nothing will run");
    awaitCardUpdate(req[1], "Denied: restore on default");
    assertThat(answer("carol", "approve " + req[0])).contains("was denied");
    assertThat(restoresAtManager()).isZero();
    assertThat(bot.engine().recent(10)).isEmpty();
  }

  @Test
  void requesterCancelsAndOthersCannot() throws Exception {
    seed("can-1");
    String[] req = openRestore("can-1");
    assertThat(answer("bob", "cancel " + req[0])).contains("Only @alice");
    assertThat(answer("alice", "cancel " + req[0])).contains("cancelled");
    awaitCardUpdate(req[1], "Cancelled: restore on default");
    assertThat(answer("bob", "approve " + req[0])).contains("was cancelled");
    assertThat(restoresAtManager()).isZero();
    assertThat(bot.engine().recent(10)).isEmpty();
  }

  @Test
  void snapshotChangedAfterTheRequestVoidsTheApproval() throws Exception {
    seed("fp-1");
    String[] req = openRestore("fp-1");
    // a different archive under the same id: same name, new creation time
    sim.seedSnapshot("fp-1", "created", null, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    String a = answer("bob", "approve " + req[0]);
    assertThat(a).contains("re-checks the target");
    RecordingChatPort.Event card = awaitCardUpdate(req[1], "Superseded: restore on default");
    assertThat(card.text()).contains("the snapshot changed since approval: created_at");
    assertVoidedInItsFirstStep("the snapshot changed since approval");
    assertThat(restoresAtManager()).isZero();
    assertThat(proxy.count("PUT /api/v[0-9.]+/snapshots/.*"))
        .as("no safety snapshot either")
        .isZero();
  }

  /** The approved operation stopped in its first step, before any change on the manager. */
  private void assertVoidedInItsFirstStep(String why) {
    Await.require(
        WAIT,
        "the operation to end",
        () -> bot.engine().recent(10).stream().anyMatch(op -> op.status().isFinal()));
    var ops = bot.engine().recent(10);
    assertThat(ops).hasSize(1);
    var op = ops.get(0);
    assertThat(op.status()).isEqualTo(io.cfychatops.ops.OpStatus.FAILED);
    assertThat(op.failure())
        .startsWith("approval-check: approval apr-")
        .contains("is void: " + why)
        .contains("Nothing was changed on the manager");
    assertThat(
            op.steps().stream()
                .filter(st -> st.status() != io.cfychatops.ops.StepStatus.SKIPPED)
                .map(io.cfychatops.ops.StepState::name))
        .containsExactly("approval-check", "maintenance-off");
    assertThat(op.step("maintenance-off").orElseThrow().detail()).contains("not touched");
  }

  @Test
  void snapshotThatFailedMeanwhileVoidsTheApproval() throws Exception {
    seed("fp-2");
    String[] req = openRestore("fp-2");
    sim.seedSnapshot(
        "fp-2",
        "failed",
        "disk full",
        Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
    assertThat(answer("bob", "approve " + req[0])).contains("re-checks the target");
    awaitCardUpdate(req[1], "Superseded: restore on default");
    assertVoidedInItsFirstStep("the snapshot changed since approval: status created → failed");
    assertThat(restoresAtManager()).isZero();
  }

  @Test
  void expiredRequestsAreSweptWithoutAClickAndRefuseLaterVotes() throws Exception {
    seed("exp-1");
    String[] req = openRestore("exp-1");
    clock.advance(Duration.ofMinutes(31));
    bot.core().sweepExpired(); // the bot's own ticker may sweep first; either way the card changes
    RecordingChatPort.Event card = awaitCardUpdate(req[1], "Expired: restore on default");
    assertThat(card.text()).doesNotContain("[Approve]");
    assertThat(answer("bob", "approve " + req[0])).contains("has expired");
    assertThat(restoresAtManager()).isZero();
    assertThat(bot.engine().recent(10)).isEmpty();
  }

  @Test
  void selfApprovalIsRefusedAndAnotherApproverStartsExactlyOneRestore() throws Exception {
    seed("ok-1");
    String[] req = openRestore("ok-1");
    assertThat(answer("alice", "approve " + req[0])).contains("can't approve");
    assertThat(answer("dave", "approve " + req[0])).contains("approver role");
    assertThat(answer("bob", "approve " + req[0])).contains("Approved by").contains("started");
    awaitCardUpdate(req[1], "Approved: restore on default");
    assertThat(answer("carol", "approve " + req[0])).contains("was already approved");
    assertThat(bot.awaitIdle(Duration.ofSeconds(60))).isTrue();
    assertThat(bot.engine().recent(10))
        .singleElement()
        .satisfies(op -> assertThat(op.status().name()).isEqualTo("SUCCEEDED"));
    assertThat(restoresAtManager()).isEqualTo(1);
  }

  @Test
  void uploadsFromTheBotsDiskOutsideTheArchiveStoreAreRefusedBeforeAnyCall() throws Exception {
    int before = proxy.count();
    String escape = answer("alice", "snapshots upload /etc/passwd -s stolen");
    String traversal =
        answer("alice", "snapshots upload ../../../etc/passwd --from-manager default -s stolen");
    assertThat(escape).contains("archive store");
    assertThat(traversal).contains("archive store");
    assertThat(proxy.requests().subList(before, proxy.count())).isEmpty();
    assertThat(bot.engine().recent(10)).isEmpty();
  }

  @Test
  void aStoredArchiveIsUploadedAndOverAnExistingIdOnlyWithApproval() throws Exception {
    seed("keep-1");
    assertThat(answer("alice", "snapshots download keep-1 -m default"))
        .contains("Started operation");
    assertThat(bot.awaitIdle(Duration.ofSeconds(60))).isTrue();
    assertThat(dir.resolve("archives").resolve("default").resolve("keep-1.zip")).isRegularFile();
    // no -s: named after the file, keep-1, which exists on the manager: replacing its archive needs
    // approval
    String asked = answer("alice", "snapshots upload keep-1 --from-manager default");
    assertThat(asked).contains("Approval requested");
    assertThat(proxy.count("PUT /api/v[0-9.]+/snapshots/keep-1/archive")).isZero();
    java.util.regex.Matcher id = REQUEST_ID.matcher(asked);
    assertThat(id.find()).isTrue();
    assertThat(answer("bob", "approve " + id.group())).contains("started");
    assertThat(bot.awaitIdle(Duration.ofSeconds(60))).isTrue();
    assertThat(proxy.count("PUT /api/v[0-9.]+/snapshots/keep-1/archive")).isEqualTo(1);
    // a path inside the store, relative to its root
    assertThat(answer("alice", "snapshots upload default/keep-1.zip -s rel-1"))
        .contains("Started operation");
    // a new id runs at once
    assertThat(answer("alice", "snapshots upload keep-1 --from-manager default -s copy-1"))
        .contains("Started operation");
    assertThat(bot.awaitIdle(Duration.ofSeconds(60))).isTrue();
    assertThat(bot.engine().recent(10))
        .allSatisfy(op -> assertThat(op.status().name()).isEqualTo("SUCCEEDED"));
    assertThat(proxy.count("PUT /api/v[0-9.]+/snapshots/copy-1/archive")).isEqualTo(1);
    assertThat(proxy.count("PUT /api/v[0-9.]+/snapshots/rel-1/archive")).isEqualTo(1);
  }

  @Test
  void uploadIdComesFromTheFileName() {
    assertThat(Preflight.uploadIdFromSource("/data/archives/prod/nightly-prod-20261124-0200.zip"))
        .isEqualTo("nightly-prod-20261124-0200");
    assertThat(Preflight.uploadIdFromSource("https://files.example/b/snap_1.zip?sig=abc"))
        .isEqualTo("snap_1");
    assertThat(Preflight.uploadIdFromSource("https://files.example/9.zip")).isNull();
  }

  @Test
  void opsCancelIsCheckedOnTheOperationsOwnManager() throws Exception {
    String started = answer("alice", "snapshots create c-1");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("op-[a-z0-9]+").matcher(started);
    assertThat(m.find()).isTrue();
    String op = m.group();
    assertThat(answer("vera", "ops cancel " + op)).contains("`operator` role on manager `default`");
    // no role on the operation's manager: the operation does not exist for dave (ids do not leak)
    assertThat(answer("dave", "ops cancel " + op))
        .contains("No operation `" + op + "`")
        .doesNotContain("default");
    assertThat(answer("alice", "ops cancel " + op))
        .containsAnyOf("Cancel of " + op, "already ended");
    assertThat(answer("alice", "ops cancel op-nosuch")).contains("No operation");
  }

  @Test
  void credentialsInAnUploadUrlAreRefusedBeforeAnythingIsShown() throws Exception {
    int before = proxy.count();
    assertThat(answer("alice", "snapshots upload https://backup:S3cr3t@files.example/x.zip -s x1"))
        .contains("Do not put credentials");
    assertThat(proxy.requests().subList(before, proxy.count())).isEmpty();
    assertThat(chat.events()).isEmpty();
  }

  @Test
  void aRedeliveredClickIsHandledOnce() throws Exception {
    io.cfychatops.chat.ChatUser alice = new io.cfychatops.chat.ChatUser("alice", "alice", "T1");
    RecordingChatPort.Reply first = chat.reply(RecordingChatPort.CHANNEL);
    RecordingChatPort.Reply repeat = chat.reply(RecordingChatPort.CHANNEL);
    RecordingChatPort.Reply other = chat.reply(RecordingChatPort.CHANNEL);
    bot.core()
        .onAction(
            new io.cfychatops.chat.ActionInvocation(
                alice,
                RecordingChatPort.CHANNEL,
                "page.next",
                "snapshots delete keep-1",
                null,
                "act:1.3:alice:page.next"),
            first);
    bot.core()
        .onAction(
            new io.cfychatops.chat.ActionInvocation(
                alice,
                RecordingChatPort.CHANNEL,
                "page.next",
                "snapshots delete keep-1",
                null,
                "act:1.3:alice:page.next"),
            repeat);
    bot.core()
        .onAction(
            new io.cfychatops.chat.ActionInvocation(
                alice,
                RecordingChatPort.CHANNEL,
                "page.next",
                "snapshots delete keep-1",
                null,
                "act:1.4:alice:page.next"),
            other);
    assertThat(first.next(WAIT)).contains("not recognised");
    assertThat(other.next(WAIT)).contains("not recognised");
    assertThat(bot.awaitIdle(WAIT)).isTrue();
    assertThat(repeat.poll(Duration.ZERO)).isNull(); // dropped before any work was queued
  }

  @Test
  void aTamperedNextPageButtonIsRefused() throws Exception {
    RecordingChatPort.Reply r = chat.reply(RecordingChatPort.CHANNEL);
    bot.core()
        .onAction(
            new io.cfychatops.chat.ActionInvocation(
                new io.cfychatops.chat.ChatUser("alice", "alice", "T1"),
                RecordingChatPort.CHANNEL,
                "page.next",
                "snapshots delete keep-1",
                null),
            r);
    assertThat(r.next(WAIT)).contains("not recognised");
    assertThat(bot.engine().recent(10)).isEmpty();
  }
}
