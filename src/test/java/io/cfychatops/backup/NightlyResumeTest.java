package io.cfychatops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.ops.InMemoryOperationStore;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.OpStatus;
import io.cfychatops.ops.Operation;
import io.cfychatops.testing.FakeManager;
import io.cfychatops.testing.RecordingChatPort;
import io.cfychatops.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly run abandoned mid-steps (the process died) is finished once by another instance on the
 * same operation store: it records its end and posts its report.
 */
class NightlyResumeTest {
  static final ZoneId UTC = ZoneId.of("UTC");

  @TempDir Path root;
  final SettableClock clock = new SettableClock(Instant.parse("2024-08-12T02:00:05Z"));
  final InMemoryOperationStore operations = new InMemoryOperationStore();
  final InMemoryNightlyRunLog runs = new InMemoryNightlyRunLog();
  final InMemoryBackupCatalog catalog = new InMemoryBackupCatalog();
  final RecordingChatPort chat = new RecordingChatPort(clock);
  final FakeManager manager = new FakeManager(clock, "7.0.4").creationTime(Duration.ofMinutes(3));

  NightlyService service(ManualNightly.Engine engine, String owner) {
    return ManualNightly.builder(engine, clock.sleeper())
        .config(
            BackupConfig.builder()
                .manager("prod", UTC)
                .reportsChannel("#backups")
                .pollInterval(Duration.ofSeconds(5))
                .build())
        .store(new ArchiveStore(root))
        .catalog(catalog)
        .runs(runs)
        .chat(chat)
        .owner(owner)
        .build();
  }

  @Test
  void anAbandonedRunIsFinishedRecordedAndReportedOnceByAnotherInstance() {
    // instance A: claims the slot, starts the run, creates the snapshot, then dies while it runs
    ManualNightly.Engine a = ManualNightly.engine(clock, manager, operations);
    NightlyService first = service(a, "bot-a");
    List<String> started = first.startDue();
    assertThat(started).hasSize(1);
    a.scheduler().runDue();
    Operation abandoned = operations.find(started.get(0)).orElseThrow();
    assertThat(abandoned.kind()).isEqualTo(OpKind.NIGHTLY);
    assertThat(abandoned.status()).isEqualTo(OpStatus.RUNNING);
    assertThat(abandoned.step(NightlyRunbook.CREATE).orElseThrow().executionId()).isNotNull();
    assertThat(manager.count("createSnapshot")).isEqualTo(1);
    assertThat(runs.history("prod", Instant.EPOCH))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(RunRecord.Outcome.RUNNING));

    // instance B on the same store: resumes the operation and finishes it
    ManualNightly.Engine b = ManualNightly.engine(clock, manager, operations);
    NightlyService second = service(b, "bot-b");
    assertThat(b.engine().resumeUnfinished()).containsExactly(abandoned.id());
    for (int i = 0; i < 1_000 && !b.scheduler().isEmpty(); i++) {
      b.scheduler().runDue();
      b.scheduler().nextDue().filter(t -> t.isAfter(clock.instant())).ifPresent(clock::set);
    }

    Operation done = operations.find(abandoned.id()).orElseThrow();
    assertThat(done.status()).as(done.failure()).isEqualTo(OpStatus.SUCCEEDED);
    assertThat(manager.count("createSnapshot")).as("one create PUT").isEqualTo(1);
    assertThat(manager.count("downloadSnapshot")).as("one download").isEqualTo(1);
    assertThat(new ArchiveStore(root).list("prod")).as("one archive").hasSize(1);
    assertThat(catalog.list("prod"))
        .as("one verified catalog entry")
        .singleElement()
        .satisfies(e -> assertThat(e.verified()).isTrue());
    assertThat(runs.history("prod", Instant.EPOCH))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(RunRecord.Outcome.SUCCEEDED);
              assertThat(r.verified()).isTrue();
              assertThat(r.owner()).isEqualTo("bot-a");
            });
    assertThat(chat.events("post"))
        .as("one report")
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.channel()).isEqualTo("#backups");
              assertThat(p.message().title()).isEqualTo("Nightly backups: 1 of 1 succeeded");
            });
    // the slot is never run again, by either instance
    assertThat(second.startDue()).isEmpty();
    assertThat(first.startDue()).isEmpty();
  }
}
