package io.cfychatops.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.chat.Message;
import io.cfychatops.store.EachDatabase;
import io.cfychatops.store.JdbcAuditRepository;
import io.cfychatops.store.TestDatabases;
import io.cfychatops.store.TestDb;
import io.cfychatops.testing.SettableClock;

class AuditLogTest {

  @EachDatabase
  void recordsAndRendersNewestFirst(TestDb t) {
    SettableClock clock = SettableClock.at(TestDatabases.T0);
    AuditLog log = new AuditLog(new JdbcAuditRepository(t.db()), clock);
    assertThat(log.render(10, null).lines()).containsExactly("No audit entries yet.");
    log.record(Fixtures.BOB, "C-ops", "prod", "command", "run", "cfy snapshots list");
    clock.advance(java.time.Duration.ofMinutes(1));
    log.record(
        Fixtures.ANA, "C-ops", "dev", "approval", "approve", "apr-0001 1 of 1 approvals: @ana");
    Message all = log.render(10, null);
    assertThat(all.rows())
        .containsExactly(
            "2025-01-15T09:01:00Z  @ana  approval/approve  [dev]  apr-0001 1 of 1 approvals: @ana",
            "2025-01-15T09:00:00Z  @bob  command/run  [prod]  cfy snapshots list");
    assertThat(log.render(10, "prod").rows()).hasSize(1);
    assertThat(log.render(10, "prod").title()).isEqualTo("Audit log — prod (newest first)");
  }
}
