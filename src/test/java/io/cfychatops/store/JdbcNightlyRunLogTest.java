package io.cfychatops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cfychatops.backup.RunRecord;
import io.cfychatops.backup.RunRecord.Kind;
import io.cfychatops.backup.RunRecord.Outcome;
import java.time.Duration;
import java.time.Instant;

class JdbcNightlyRunLogTest {
  static final Instant SLOT = Instant.parse("2025-01-15T02:00:00Z");
  static final String SHA = "ab".repeat(32);

  @EachDatabase
  void onlyTheFirstClaimOfASlotWinsAcrossReplicas(TestDb t) {
    JdbcNightlyRunLog a = new JdbcNightlyRunLog(t.db());
    JdbcNightlyRunLog b = new JdbcNightlyRunLog(t.openUnmigrated());
    assertThat(
            a.tryClaim(RunRecord.claim("prod", SLOT, Kind.SCHEDULED, "bot-a", SLOT.plusSeconds(1))))
        .isTrue();
    assertThat(
            b.tryClaim(RunRecord.claim("prod", SLOT, Kind.SCHEDULED, "bot-b", SLOT.plusSeconds(2))))
        .isFalse();
    assertThat(
            a.tryClaim(RunRecord.claim("prod", SLOT, Kind.CATCH_UP, "bot-a", SLOT.plusSeconds(3))))
        .isFalse();
    // another manager, same slot: independent
    assertThat(b.tryClaim(RunRecord.claim("dev", SLOT, Kind.SCHEDULED, "bot-b", SLOT))).isTrue();

    assertThat(b.history("prod", Instant.EPOCH))
        .containsExactly(
            RunRecord.claim("prod", SLOT, Kind.SCHEDULED, "bot-a", SLOT.plusSeconds(1)));
  }

  @EachDatabase
  void finishRecordsTheEndOnceWithSizeChecksumVerificationAndDuration(TestDb t) {
    JdbcNightlyRunLog runs = new JdbcNightlyRunLog(t.db());
    RunRecord claim = RunRecord.claim("prod", SLOT, Kind.SCHEDULED, "a", SLOT);
    runs.tryClaim(claim);
    RunRecord ended =
        claim.succeeded(
            SLOT.plusSeconds(90), "nightly-1", 1234L, SHA, true, Duration.ofSeconds(88));
    assertThat(runs.finish(ended)).isTrue();
    assertThat(
            runs.finish(
                claim.failed(SLOT.plusSeconds(91), null, "late", null, null, Duration.ZERO)))
        .isFalse();

    Instant slot2 = SLOT.plus(Duration.ofDays(1));
    RunRecord catchUp = RunRecord.claim("prod", slot2, Kind.CATCH_UP, "b", slot2.plusSeconds(3600));
    runs.tryClaim(catchUp);
    RunRecord failed =
        catchUp.failed(
            slot2.plusSeconds(3700),
            "nightly-2",
            "verify: CRC mismatch in mgmt/x",
            999L,
            SHA,
            Duration.ofSeconds(100));
    assertThat(runs.finish(failed)).isTrue();

    assertThat(runs.history("prod", Instant.EPOCH)).containsExactly(failed, ended);
    assertThat(runs.history("prod", Instant.EPOCH).get(1))
        .extracting(
            RunRecord::bytes,
            RunRecord::sha256,
            RunRecord::verified,
            RunRecord::duration,
            RunRecord::detail)
        .containsExactly(1234L, SHA, true, Duration.ofSeconds(88), "");
    assertThat(
            t.db()
                .jdbc()
                .queryLong("SELECT duration_ms FROM nightly_run WHERE snapshot_id = 'nightly-1'"))
        .isEqualTo(88_000L);
  }

  @EachDatabase
  void kindOwnerAndOperationAreColumnsOfTheirOwn(TestDb t) {
    JdbcNightlyRunLog runs = new JdbcNightlyRunLog(t.db());
    RunRecord manual =
        new RunRecord(
            "prod",
            SLOT,
            Kind.MANUAL,
            "bot-a",
            SLOT,
            "op-nightly-1",
            Outcome.RUNNING,
            null,
            null,
            "",
            null,
            null,
            false,
            null);
    runs.tryClaim(manual);

    assertThat(runs.history("prod", SLOT)).containsExactly(manual);
    assertThat(
            t.db()
                .jdbc()
                .queryOne(
                    "SELECT kind, claimed_by, operation_id FROM nightly_run",
                    rs -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3)))
        .contains("MANUAL|bot-a|op-nightly-1");
  }

  @EachDatabase
  void historyIsNewestSlotFirstAndStartsAtSince(TestDb t) {
    JdbcNightlyRunLog runs = new JdbcNightlyRunLog(t.db());
    for (int day = 0; day < 5; day++) {
      Instant slot = SLOT.plus(Duration.ofDays(day));
      runs.tryClaim(RunRecord.claim("prod", slot, Kind.SCHEDULED, "a", slot.plusSeconds(30)));
    }
    runs.tryClaim(RunRecord.claim("dev", SLOT, Kind.SCHEDULED, "a", SLOT));

    assertThat(runs.history("prod", SLOT.plus(Duration.ofDays(3))))
        .extracting(RunRecord::slot)
        .containsExactly(SLOT.plus(Duration.ofDays(4)), SLOT.plus(Duration.ofDays(3)));
    assertThat(runs.history("prod", Instant.EPOCH)).hasSize(5);
    assertThat(runs.history("nobody", Instant.EPOCH)).isEmpty();
  }

  @EachDatabase
  void runsRecordedBeforeV5GetTheirKindFromTheOldEncoding(TestDb t) {
    Database old = t.migratedTo(4);
    String insert =
        "INSERT INTO nightly_run (manager, slot_at, started_at, finished_at, status, claimed_by, snapshot_id,"
            + " verified, duration_ms, error, catch_up) VALUES ('prod', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    old.jdbc()
        .update(
            insert,
            SLOT,
            SLOT,
            SLOT.plusSeconds(60),
            "SUCCEEDED",
            "bot-a",
            "n-1",
            true,
            60_000L,
            null,
            false);
    Instant slot2 = SLOT.plus(Duration.ofDays(1));
    old.jdbc()
        .update(
            insert,
            slot2,
            slot2.plusSeconds(3600),
            slot2.plusSeconds(3700),
            "FAILED",
            "bot-b",
            "n-2",
            false,
            100_000L,
            "wait: 503",
            true);
    Instant manual = slot2.plusSeconds(7200);
    old.jdbc()
        .update(
            insert,
            manual,
            manual,
            null,
            "RUNNING",
            "manual:bot-a",
            null,
            false,
            null,
            null,
            false);
    Instant skipped = slot2.plus(Duration.ofDays(1));
    old.jdbc()
        .update(
            insert, skipped, skipped, skipped, "SKIPPED", "bot-a", null, false, 0L, "why", false);

    assertThat(old.migrate()).isEqualTo(Migrations.load(old.dialect()).size() - 3);

    assertThat(new JdbcNightlyRunLog(old).history("prod", Instant.EPOCH))
        .extracting(
            RunRecord::slot,
            RunRecord::kind,
            RunRecord::owner,
            RunRecord::outcome,
            RunRecord::detail)
        .containsExactly(
            tuple(skipped, Kind.SCHEDULED, "bot-a", Outcome.FAILED, "why"),
            tuple(manual, Kind.MANUAL, "bot-a", Outcome.RUNNING, ""),
            tuple(slot2, Kind.CATCH_UP, "bot-b", Outcome.FAILED, "wait: 503"),
            tuple(SLOT, Kind.SCHEDULED, "bot-a", Outcome.SUCCEEDED, ""));
  }
}
