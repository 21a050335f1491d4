package io.cfychatops.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatScheduleMessageResponse;
import io.cfychatops.chat.ChatException;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.ScheduledMessage;
import io.cfychatops.chat.Status;
import io.cfychatops.testing.FakeSlackApi;
import io.cfychatops.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code chat.scheduleMessage}, {@code chat.deleteScheduledMessage} and {@code
 * chat.scheduledMessages.list} through {@link SlackChatPort} against the fake Slack Web API, whose
 * clock the test sets: no {@code metadata} ever, mentions as in a post, Slack's errors mapped.
 */
class SlackScheduledMessagesTest {
  static final Duration WAIT = Duration.ofSeconds(5);
  static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  FakeSlackApi fake;
  SettableClock clock;
  MethodsClient methods;
  SlackChatPort port;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeSlackApi();
    clock = new SettableClock(NOW);
    fake.clock(clock);
    SlackSettings s = SlackSettings.ephemeral(FakeSlackApi.BOT_TOKEN, null, null, fake.apiUrl());
    methods = SlackApp.newSlack(s).methods(s.botToken());
    port = new SlackChatPort(methods, new BlockKitRenderer());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static Message alarm() {
    return Message.builder(Status.FAILED, "No verified backup of prod for 26h")
        .line("check <!here>")
        .context("cfy-chatops-dead-man-alarm:prod")
        .mention("S0ONCALL")
        .build();
  }

  @Test
  void schedulesTextAndBlocksRenderedLikeAPostWithTheMentionAndWithoutMetadata() throws Exception {
    Instant at = NOW.plus(Duration.ofHours(26));
    ScheduledMessage m = port.scheduleMessage("C0REPORTS", alarm(), at);

    assertThat(m.id()).startsWith("Q");
    assertThat(m.channel()).isEqualTo("C0REPORTS");
    assertThat(m.postAt()).isEqualTo(at); // Slack answers post_at as a string; Bolt parses it
    FakeSlackApi.Call sched = fake.await("chat.scheduleMessage", WAIT);
    assertThat(sched.params()).doesNotContainKey("metadata");
    assertThat(sched.param("post_at")).isEqualTo(String.valueOf(at.getEpochSecond()));
    assertThat(sched.param("text"))
        .startsWith("<!subteam^S0ONCALL> ")
        .contains("&lt;!here&gt;")
        .contains("cfy-chatops-dead-man-alarm:prod");

    port.post("C0REPORTS", alarm());
    FakeSlackApi.Call post = fake.await("chat.postMessage", WAIT);
    assertThat(sched.param("text")).isEqualTo(post.param("text"));
    assertThat(sched.json("blocks")).isEqualTo(post.json("blocks"));
    assertThat(fake.violations()).isEmpty();
  }

  @Test
  void listsWhatIsScheduledAndDeletesIdempotently() {
    ScheduledMessage a = port.scheduleMessage("C1", alarm(), NOW.plusSeconds(600));
    clock.advance(Duration.ofSeconds(30));
    ScheduledMessage b =
        port.scheduleMessage("C1", Message.text(Status.INFO, "other"), NOW.plusSeconds(900));
    port.scheduleMessage("C2", Message.text(Status.INFO, "elsewhere"), NOW.plusSeconds(900));

    List<ScheduledMessage> listed = port.scheduledMessages("C1");
    assertThat(listed).extracting(ScheduledMessage::id).containsExactly(a.id(), b.id());
    ScheduledMessage first = listed.get(0);
    assertThat(first.channel()).isEqualTo("C1");
    assertThat(first.postAt()).isEqualTo(NOW.plusSeconds(600));
    assertThat(first.createdAt()).isEqualTo(NOW);
    assertThat(first.text()).contains("cfy-chatops-dead-man-alarm:prod");
    assertThat(listed.get(1).createdAt()).isEqualTo(NOW.plusSeconds(30));

    assertThat(port.deleteScheduledMessage("C1", a.id())).isTrue();
    assertThat(port.deleteScheduledMessage("C1", a.id()))
        .as("already gone is not an error")
        .isFalse();
    assertThat(port.scheduledMessages("C1"))
        .extracting(ScheduledMessage::id)
        .containsExactly(b.id());
  }

  @Test
  void listingFollowsTheCursorOverSeveralPages() {
    for (int i = 0; i < 101; i++) {
      if (i > 0 && i % FakeSlackApi.SCHEDULE_LIMIT == 0) {
        clock.advance(FakeSlackApi.SCHEDULE_WINDOW); // stay within Slack's 30 per 5 minutes
      }
      port.scheduleMessage(
          "C1", Message.text(Status.INFO, "m" + i), NOW.plus(Duration.ofDays(1)).plusSeconds(i));
    }
    assertThat(port.scheduledMessages("C1"))
        .hasSize(101)
        .extracting(ScheduledMessage::id)
        .doesNotHaveDuplicates();
    assertThat(fake.calls("chat.scheduledMessages.list")).hasSize(2);
  }

  @Test
  void aTimeInThePastOrMoreThan120DaysAheadIsRefusedWithSlacksCode() {
    assertThatThrownBy(() -> port.scheduleMessage("C1", alarm(), NOW.minusSeconds(1)))
        .isInstanceOfSatisfying(
            ChatException.class,
            e -> {
              assertThat(e.code()).isEqualTo("time_in_past");
              assertThat(e.getMessage())
                  .contains("in the past")
                  .contains(NOW.minusSeconds(1).toString());
            });
    assertThatThrownBy(
            () ->
                port.scheduleMessage("C1", alarm(), NOW.plus(Duration.ofDays(120)).plusSeconds(1)))
        .isInstanceOfSatisfying(
            ChatException.class,
            e -> {
              assertThat(e.code()).isEqualTo("time_too_far");
              assertThat(e.getMessage()).contains("120 days");
            });
    assertThat(port.scheduleMessage("C1", alarm(), NOW.plus(Duration.ofDays(120))).id())
        .isNotBlank();
    assertThat(fake.scheduled("C1")).hasSize(1);
  }

  @Test
  void rateLimitsAreReportedNotRetried() {
    fake.rateLimitNext("chat.scheduleMessage", 7);
    assertThatThrownBy(() -> port.scheduleMessage("C1", alarm(), NOW.plusSeconds(600)))
        .isInstanceOfSatisfying(
            ChatException.class,
            e -> {
              assertThat(e.code()).isEqualTo("ratelimited");
              assertThat(e.retryAfterSeconds()).isEqualTo(7);
            });
    assertThat(fake.calls("chat.scheduleMessage")).hasSize(1);

    for (int i = 0; i < FakeSlackApi.SCHEDULE_LIMIT; i++) {
      port.scheduleMessage("C1", alarm(), NOW.plusSeconds(600 + i));
    }
    assertThatThrownBy(() -> port.scheduleMessage("C1", alarm(), NOW.plusSeconds(700)))
        .isInstanceOfSatisfying(
            ChatException.class,
            e -> {
              assertThat(e.code()).isEqualTo("restricted_too_many");
              assertThat(e.getMessage()).contains("30 messages");
            });
    assertThat(fake.calls("chat.scheduleMessage")).hasSize(FakeSlackApi.SCHEDULE_LIMIT + 2);
  }

  @Test
  void notInChannelJoinsThePublicChannelOnceAndSchedulesAgain() throws Exception {
    fake.seedChannel("C0REPORTS", "backup-reports", false, false);
    fake.failNext("chat.scheduleMessage", "not_in_channel");
    ScheduledMessage m = port.scheduleMessage("C0REPORTS", alarm(), NOW.plusSeconds(600));
    assertThat(fake.await("conversations.join", WAIT).param("channel")).isEqualTo("C0REPORTS");
    assertThat(fake.calls("chat.scheduleMessage")).hasSize(2);
    assertThat(fake.scheduled("C0REPORTS"))
        .extracting(FakeSlackApi.Scheduled::id)
        .containsExactly(m.id());
  }

  @Test
  void theFakeRefusesMetadataLoudlySoARegressionFails() throws Exception {
    ChatScheduleMessageResponse r =
        methods.chatScheduleMessage(
            b ->
                b.channel("C1")
                    .postAt((int) NOW.plusSeconds(600).getEpochSecond())
                    .text("x")
                    .metadataAsString("{\"event_type\":\"x\",\"event_payload\":{}}"));
    assertThat(r.isOk()).isFalse();
    assertThat(fake.violations()).singleElement().asString().contains("metadata");
    assertThat(fake.scheduled()).isEmpty();
  }

  @Test
  void slacksTimerPostsDueMessagesAsPostsAndForgetsThem() {
    ScheduledMessage soon = port.scheduleMessage("C1", alarm(), NOW.plusSeconds(60));
    ScheduledMessage later =
        port.scheduleMessage("C1", Message.text(Status.INFO, "later"), NOW.plusSeconds(3600));

    assertThat(fake.advanceTo(NOW.plusSeconds(59))).isEmpty();
    List<FakeSlackApi.Call> posted = fake.advanceTo(NOW.plusSeconds(60));
    assertThat(posted)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.method()).isEqualTo("chat.postMessage");
              assertThat(c.param("channel")).isEqualTo("C1");
              assertThat(c.param("scheduled_message_id")).isEqualTo(soon.id());
              assertThat(c.param("text"))
                  .contains("<!subteam^S0ONCALL>")
                  .contains("No verified backup of prod");
            });
    assertThat(port.scheduledMessages("C1"))
        .extracting(ScheduledMessage::id)
        .containsExactly(later.id());
    assertThat(port.deleteScheduledMessage("C1", soon.id()))
        .as("posted: no longer scheduled")
        .isFalse();
  }
}
