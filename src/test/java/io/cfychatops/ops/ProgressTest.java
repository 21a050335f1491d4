package io.cfychatops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.chat.ChatException;
import io.cfychatops.chat.Message;
import io.cfychatops.chat.MessageRef;
import io.cfychatops.chat.Status;
import io.cfychatops.testing.FakeManager;
import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {
  final SettableClock clock = SettableClock.at(java.time.Instant.parse("2026-03-01T10:00:00Z"));
  final RecordingChatPort chat = new RecordingChatPort(clock);
  final Progress progress = new Progress(chat, clock, Duration.ofSeconds(3));
  @TempDir Path tmp;

  @Test
  void editsAreCoalescedToOnePerIntervalAndTheLatestWins() {
    MessageRef ref = progress.open("#ops", Message.text(Status.RUNNING, "v0"));
    for (int i = 1; i <= 50; i++) {
      progress.edit(ref, Message.text(Status.RUNNING, "v" + i));
      progress.flush();
      clock.advance(Duration.ofMillis(100));
    }
    // 5 s of edits at 10/s → at most two edits (t=3.0s, and none before)
    assertThat(chat.events("update")).hasSizeLessThanOrEqualTo(2);
    clock.advance(Duration.ofSeconds(3));
    progress.flush();
    assertThat(chat.current(ref).title()).isEqualTo("v50");
    var updates = chat.events("update");
    for (int i = 1; i < updates.size(); i++) {
      assertThat(Duration.between(updates.get(i - 1).at(), updates.get(i).at()))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }
  }

  @Test
  void finalStateSkipsTheIntervalAndIsNotSuperseded() {
    MessageRef ref = progress.open("#ops", Message.text(Status.RUNNING, "v0"));
    progress.editFinal(ref, Message.text(Status.OK, "done"));
    progress.edit(ref, Message.text(Status.RUNNING, "late"));
    progress.flush();
    assertThat(chat.current(ref).title()).isEqualTo("done");
  }

  @Test
  void rateLimitPausesEveryCallForRetryAfterThenDelivers() {
    MessageRef ref = progress.open("#ops", Message.text(Status.RUNNING, "v0"));
    chat.rateLimitNext(1, 7);
    progress.reply(ref, Message.text(Status.INFO, "line 1"));
    progress.editFinal(ref, Message.text(Status.OK, "done"));
    progress.flush();
    assertThat(chat.rejected()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(6));
    progress.flush();
    assertThat(chat.events()).hasSize(1); // only the first post: nothing while limited
    assertThat(progress.nextDue()).isEqualTo(clock.instant().plusSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    progress.flush();
    assertThat(chat.events("reply")).extracting(c -> c.message().title()).containsExactly("line 1");
    assertThat(chat.current(ref).title()).isEqualTo("done");
    assertThat(chat.rejected()).isEqualTo(1);
  }

  @Test
  void slackOutageNeverStopsAnOperation() {
    SettableClock c = SettableClock.at(java.time.Instant.parse("2026-03-01T10:00:00Z"));
    FakeManager fm = new FakeManager(c).withSnapshot("nightly-1", "created");
    Harness h = new Harness(fm, OpsConfig.defaults("#ops", tmp), c);
    h.chat.outage(new ChatException("service_unavailable", "Slack is down"));
    String id = h.engine.submit(OperationRequest.of(OpKind.RESTORE, "prod", "nightly-1", "U1"));
    Operation op = h.runToEnd(id, Duration.ofMinutes(30));
    assertThat(op.status()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(fm.maintenanceState()).isEqualTo("deactivated");
    assertThat(h.chat.events()).isEmpty();
    // Slack comes back: the final summary is posted (the message could never be opened).
    h.chat.outage(null);
    h.engine.pump();
    assertThat(h.chat.events("post")).hasSize(1);
    assertThat(h.chat.living()).contains("done in");
  }

  @Test
  void slackBackMidwayOpensTheLivingMessageAndFinishesIt() {
    SettableClock c = SettableClock.at(java.time.Instant.parse("2026-03-01T10:00:00Z"));
    FakeManager fm = new FakeManager(c).withSnapshot("nightly-1", "created");
    Harness h = new Harness(fm, OpsConfig.defaults("#ops", tmp), c);
    h.chat.outage(new ChatException("service_unavailable", "Slack is down"));
    String id = h.engine.submit(OperationRequest.of(OpKind.RESTORE, "prod", "nightly-1", "U1"));
    for (int i = 0; i < 30; i++) {
      h.scheduler.runDue();
      h.advance(Duration.ofSeconds(1));
    }
    h.chat.outage(null);
    Operation op = h.runToEnd(id, Duration.ofMinutes(30));
    assertThat(op.status()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(h.chat.events("post")).hasSize(1);
    assertThat(h.chat.living()).contains("done in");
  }

  @Test
  void heartbeatFlagsNoChange() {
    Operation op =
        new Operation(
            "op-1",
            OpKind.RESTORE,
            "prod",
            TestSpecs.restore("s", true, false),
            null,
            null,
            "U1",
            null,
            OpStatus.RUNNING,
            java.util.List.of(StepState.pending("restore-wait")),
            "#ops",
            null,
            clock.instant(),
            clock.instant(),
            null,
            "NONE",
            null,
            "",
            0);
    String text =
        OpsRenderer.living(
                op,
                clock.instant().plus(Duration.ofMinutes(7)),
                Duration.ofMinutes(5),
                java.time.ZoneId.of("UTC"))
            .fallbackText();
    assertThat(text).contains("no change for 7 min").contains("Elapsed: 7m 00s");
  }

  @org.junit.jupiter.api.Test
  void aHangingChatCallDoesNotBlockOperationsQueueingProgress() throws Exception {
    java.util.concurrent.CountDownLatch inUpdate = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    io.cfychatops.chat.ChatPort hanging =
        new io.cfychatops.chat.ChatPort() {
          int n;

          @Override
          public synchronized io.cfychatops.chat.MessageRef post(
              String channel, io.cfychatops.chat.Message m) {
            return new io.cfychatops.chat.MessageRef(channel, "ts" + (++n));
          }

          @Override
          public void update(io.cfychatops.chat.MessageRef ref, io.cfychatops.chat.Message m) {
            inUpdate.countDown();
            try {
              release.await(); // Slack hangs
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }

          @Override
          public io.cfychatops.chat.MessageRef reply(
              io.cfychatops.chat.MessageRef parent, io.cfychatops.chat.Message m) {
            return parent;
          }

          @Override
          public void ephemeral(String channel, String userId, io.cfychatops.chat.Message m) {}

          @Override
          public String openChannel(String name, java.util.List<String> userIds) {
            return name;
          }

          @Override
          public java.util.Set<String> userGroupMembers(String g) {
            return java.util.Set.of();
          }
        };
    Progress progress =
        new Progress(hanging, java.time.Clock.systemUTC(), java.time.Duration.ofMillis(1));
    io.cfychatops.chat.MessageRef ref =
        progress.open(
            "C1", io.cfychatops.chat.Message.text(io.cfychatops.chat.Status.RUNNING, "op"));
    progress.editFinal(ref, io.cfychatops.chat.Message.text(io.cfychatops.chat.Status.OK, "done"));
    Thread sender = new Thread(progress::flush);
    sender.start();
    assertThat(inUpdate.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    // while the sender hangs inside chat.update, an operation thread queues and flushes without
    // waiting
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(2),
        () -> {
          progress.edit(
              ref, io.cfychatops.chat.Message.text(io.cfychatops.chat.Status.RUNNING, "later"));
          progress.reply(
              ref, io.cfychatops.chat.Message.text(io.cfychatops.chat.Status.INFO, "line"));
          progress.flush();
          assertThat(progress.hasPending()).isTrue();
        });
    release.countDown();
    sender.join(5_000);
    assertThat(sender.isAlive()).isFalse();
  }
}
