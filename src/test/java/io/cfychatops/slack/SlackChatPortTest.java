package io.cfychatops.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.chat.ChatException;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.MessageRef;
import io.cfychatops.chat.Status;
import io.cfychatops.testing.FakeSlackApi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackChatPortTest {
  static final Duration WAIT = Duration.ofSeconds(5);
  FakeSlackApi fake;
  SlackChatPort port;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeSlackApi();
    SlackSettings s = SlackSettings.ephemeral(FakeSlackApi.BOT_TOKEN, null, null, fake.apiUrl());
    port = new SlackChatPort(SlackApp.newSlack(s).methods(s.botToken()), new BlockKitRenderer());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void postUpdateReplyAndEphemeralSendFullBlocksAndText() throws Exception {
    MessageRef ref =
        port.post(
            "C1", Message.builder(Status.RUNNING, "Restoring").line("step 1 <!here>").build());
    assertThat(ref.channel()).isEqualTo("C1");
    assertThat(ref.ts()).isNotBlank();
    FakeSlackApi.Call post = fake.await("chat.postMessage", WAIT);
    assertThat(post.param("text")).contains("Restoring").contains("&lt;!here&gt;");
    assertThat(post.json("blocks").size()).isEqualTo(2);

    port.update(ref, Message.text(Status.OK, "Restored"));
    FakeSlackApi.Call up = fake.await("chat.update", WAIT);
    assertThat(up.param("ts")).isEqualTo(ref.ts());
    assertThat(up.param("text")).contains("Restored");
    assertThat(up.json("blocks").toString()).contains("Restored");

    MessageRef reply = port.reply(ref, Message.text(Status.INFO, "log line"));
    assertThat(fake.await("chat.postMessage", WAIT).param("thread_ts")).isEqualTo(ref.ts());
    assertThat(reply.ts()).isNotEqualTo(ref.ts());

    port.ephemeral("C1", "U1", Message.text(Status.INFO, "only you"));
    FakeSlackApi.Call eph = fake.await("chat.postEphemeral", WAIT);
    assertThat(eph.param("user")).isEqualTo("U1");
    assertThat(eph.json("blocks")).isNotNull();
  }

  @Test
  void okFalseBecomesChatExceptionWithSlacksCode() {
    fake.failNext("chat.update", "message_not_found");
    assertThatThrownBy(() -> port.update(new MessageRef("C1", "1.2"), Message.text(Status.OK, "x")))
        .isInstanceOfSatisfying(
            ChatException.class,
            e -> {
              assertThat(e.code()).isEqualTo("message_not_found");
              assertThat(e.isRateLimited()).isFalse();
              assertThat(e.getMessage()).doesNotContain(FakeSlackApi.BOT_TOKEN);
            });
  }

  @Test
  void http429BecomesRateLimitedWithRetryAfter() {
    fake.rateLimitNext("chat.postMessage", 7);
    assertThatThrownBy(() -> port.post("C1", Message.text(Status.OK, "x")))
        .isInstanceOfSatisfying(
            ChatException.class,
            e -> {
              assertThat(e.code()).isEqualTo("ratelimited");
              assertThat(e.retryAfterSeconds()).isEqualTo(7);
              assertThat(e.isRateLimited()).isTrue();
            });
  }

  @Test
  void badTokenIsInvalidAuth() throws Exception {
    SlackSettings s = SlackSettings.ephemeral("xoxb-wrong", null, null, fake.apiUrl());
    SlackChatPort wrong =
        new SlackChatPort(SlackApp.newSlack(s).methods(s.botToken()), new BlockKitRenderer());
    assertThatThrownBy(() -> wrong.post("C1", Message.text(Status.OK, "x")))
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.code()).isEqualTo("invalid_auth"));
  }

  @Test
  void openChannelCreatesAndInvites() throws Exception {
    String id = port.openChannel("inc-42", List.of("U1", "U2"));
    assertThat(id).startsWith("CNEW");
    assertThat(fake.await("conversations.create", WAIT).param("name")).isEqualTo("inc-42");
    FakeSlackApi.Call invite = fake.await("conversations.invite", WAIT);
    assertThat(invite.param("channel")).isEqualTo(id);
    assertThat(invite.param("users")).isEqualTo("U1,U2");
  }

  @Test
  void openChannelReusesATakenNameFoundByPagingAndJoinsIt() throws Exception {
    for (int i = 0; i < 450; i++) {
      fake.seedChannel("C" + i, "chan-" + i, true, false);
    }
    fake.seedChannel("CINC", "inc-7", false, false);
    fake.failNext("conversations.invite", "already_in_channel");
    String id = port.openChannel("inc-7", List.of("U1"));
    assertThat(id).isEqualTo("CINC");
    assertThat(fake.calls("conversations.list")).hasSize(3);
    assertThat(fake.await("conversations.join", WAIT).param("channel")).isEqualTo("CINC");
  }

  @Test
  void openChannelRefusesAnArchivedNamesake() {
    fake.seedChannel("COLD", "inc-1", false, true);
    assertThatThrownBy(() -> port.openChannel("inc-1", List.of("U1")))
        .isInstanceOfSatisfying(
            ChatException.class,
            e -> {
              assertThat(e.code()).isEqualTo("name_taken");
              assertThat(e.getMessage()).contains("archived");
            });
  }

  @Test
  void userGroupMembersByIdAndByHandle() throws Exception {
    fake.seedUserGroup("S0OPS", "ops-oncall", "U1", "U2");
    assertThat(port.userGroupMembers("S0OPS")).containsExactlyInAnyOrder("U1", "U2");
    assertThat(fake.calls("usergroups.list")).isEmpty();
    assertThat(port.userGroupMembers("@ops-oncall")).containsExactlyInAnyOrder("U1", "U2");
    assertThat(fake.calls("usergroups.list")).hasSize(1);
    assertThatThrownBy(() -> port.userGroupMembers("nobody"))
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.code()).isEqualTo("usergroup_not_found"));
  }
}
