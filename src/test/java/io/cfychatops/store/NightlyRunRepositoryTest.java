package io.cfychatops.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

class NightlyRunRepositoryTest {
  static final Instant SLOT = Instant.parse("2025-01-15T02:00:00Z");

  @EachDatabase
  void onlyTheFirstClaimOfASlotWins(TestDb t) {
    NightlyRunRepository runs = new NightlyRunRepository(t.db());
    Optional<NightlyRun> first = runs.tryClaim("prod", SLOT, SLOT.plusSeconds(1), false, "bot-a");
    Optional<NightlyRun> second = runs.tryClaim("prod", SLOT, SLOT.plusSeconds(2), false, "bot-b");
    assertThat(first).isPresent();
    assertThat(first.get().status()).isEqualTo(NightlyStatus.RUNNING);
    assertThat(first.get().claimedBy()).isEqualTo("bot-a");
    assertThat(second).isEmpty();
    // another manager, same slot: independent
    assertThat(runs.tryClaim("dev", SLOT, SLOT, false, "bot-b")).isPresent();
    assertThat(runs.running()).hasSize(2);
  }

  @EachDatabase
  void finishRecordsResultOnceAndHistoryIsNewestFirst(TestDb t) {
    NightlyRunRepository runs = new NightlyRunRepository(t.db());
    NightlyRun r1 = runs.tryClaim("prod", SLOT, SLOT, false, "a").orElseThrow();
    assertThat(runs.finish(r1.id(), NightlyResult.succeeded("nightly-1", 1234L, "ab".repeat(32), true), SLOT.plusSeconds(90)))
        .isTrue();
    assertThat(runs.finish(r1.id(), NightlyResult.failed(null, "late"), SLOT.plusSeconds(91))).isFalse();

    Instant slot2 = SLOT.plus(Duration.ofDays(1));
    NightlyRun r2 = runs.tryClaim("prod", slot2, slot2.plusSeconds(3600), true, "a").orElseThrow();
    runs.finish(r2.id(), NightlyResult.failed("nightly-2", "manager unreachable"), slot2.plusSeconds(3700));

    NightlyRun done = runs.find(r1.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(NightlyStatus.SUCCEEDED);
    assertThat(done.durationMs()).isEqualTo(90_000L);
    assertThat(done.bytes()).isEqualTo(1234L);
    assertThat(done.verified()).isTrue();

    assertThat(runs.history("prod", 10)).extracting(NightlyRun::slotAt).containsExactly(slot2, SLOT);
    assertThat(runs.latest("prod")).map(NightlyRun::status).contains(NightlyStatus.FAILED);
    assertThat(runs.latest("prod").orElseThrow().catchUp()).isTrue();
    assertThat(runs.latestVerified("prod")).map(NightlyRun::snapshotId).contains("nightly-1");
    assertThat(runs.find("prod", slot2)).map(NightlyRun::error).contains("manager unreachable");
    assertThat(runs.running()).isEmpty();
    assertThat(runs.latestVerified("dev")).isEmpty();
  }
}
