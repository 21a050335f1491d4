package io.cfychatops.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Refused commands cost a bounded number of audit rows per user and minute, then one summary. */
class RefusalThrottleTest {
  static final Instant T0 = Instant.parse("2025-01-15T09:00:00Z");

  /** An audit repository that keeps what it is given, oldest first. */
  static final class ListRepo implements AuditRepository {
    final List<AuditEntry> rows = new ArrayList<>();

    @Override
    public synchronized long append(AuditEntry entry) {
      rows.add(entry);
      return rows.size();
    }

    @Override
    public synchronized List<AuditEntry> recent(int limit, String manager) {
      return List.copyOf(rows);
    }

    @Override
    public synchronized List<AuditEntry> recentOf(int limit, Collection<String> managers) {
      return List.copyOf(rows);
    }

    synchronized List<String> lines() {
      return rows.stream()
          .map(e -> e.userId() + " " + e.kind() + "/" + e.action() + " " + e.detail())
          .toList();
    }
  }

  @Test
  void aFloodOfRefusalsCostsTheFirstFewRowsAndOneSummaryPerMinute() {
    SettableClock clock = SettableClock.at(T0);
    ListRepo repo = new ListRepo();
    AuditLog log = new AuditLog(repo, clock, 3);

    for (int i = 0; i < 50; i++) {
      log.recordRefusal(
          Fixtures.BOB, "C-ops", "prod", "snapshots/create", "needs the operator role");
      clock.advance(Duration.ofMillis(100));
    }
    assertThat(repo.lines())
        .as("the first 3 of the minute")
        .hasSize(3)
        .allMatch(l -> l.endsWith("denied/snapshots/create needs the operator role"));

    // another user is counted on their own
    log.recordRefusal(Fixtures.ANA, "C-ops", "prod", "snapshots/delete", "needs the admin role");
    assertThat(repo.rows).hasSize(4);

    // the minute ends: the next refusal (of anyone) brings bob's summary, then starts a new window
    clock.set(T0.plus(Duration.ofSeconds(61)));
    log.recordRefusal(Fixtures.BOB, "C-ops", "prod", "snapshots/create", "needs the operator role");
    List<String> lines = repo.lines();
    assertThat(lines).hasSize(6);
    assertThat(lines.get(4))
        .isEqualTo(
            Fixtures.BOB.id()
                + " denied/throttled 47 more refused commands not"
                + " recorded (the first 3 of the minute from 2025-01-15T09:00:00Z are)");
    assertThat(lines.get(5)).endsWith("denied/snapshots/create needs the operator role");

    // ana's window had nothing suppressed: no summary for her
    log.flushRefusals();
    assertThat(repo.lines()).hasSize(6);
  }

  @Test
  void aSummaryIsWrittenWhenTheWindowIsFlushed() {
    SettableClock clock = SettableClock.at(T0);
    ListRepo repo = new ListRepo();
    AuditLog log = new AuditLog(repo, clock, 1);
    log.recordRefusal(Fixtures.BOB, "C-x", "", "ops/list", "needs the viewer role on a manager");
    log.recordRefusal(Fixtures.BOB, "C-x", "", "ops/list", "needs the viewer role on a manager");
    log.flushRefusals();
    assertThat(repo.lines()).hasSize(2);
    assertThat(repo.lines().get(1))
        .contains("denied/throttled 1 more refused command not recorded");
  }
}
