package io.cfychatops.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.approvals.AuditEntry;
import java.time.Instant;
import java.util.Arrays;

class JdbcAuditRepositoryTest {

  @EachDatabase
  void appendAndRecentNewestFirstWithManagerFilter(TestDb t) {
    JdbcAuditRepository audit = new JdbcAuditRepository(t.db());
    long a =
        audit.append(
            new AuditEntry(
                0,
                Instant.ofEpochMilli(1),
                "T1",
                "U1",
                "ana",
                "C1",
                "prod",
                "approval",
                "open",
                "apr-1"));
    long b =
        audit.append(
            new AuditEntry(
                0, Instant.ofEpochMilli(2), "T1", "U2", "bob", "C1", "dev", "command", "run", "x"));
    long c =
        audit.append(
            new AuditEntry(
                0,
                Instant.ofEpochMilli(3),
                "T1",
                "U1",
                "ana",
                "C1",
                "prod",
                "approval",
                "cancel",
                "apr-1"));
    assertThat(a).isLessThan(b);
    assertThat(b).isLessThan(c);
    assertThat(audit.recent(10, null)).extracting(AuditEntry::id).containsExactly(c, b, a);
    assertThat(audit.recent(10, "prod"))
        .extracting(AuditEntry::action)
        .containsExactly("cancel", "open");
    assertThat(audit.recent(1, null)).hasSize(1);
    AuditEntry first = audit.recent(10, "prod").get(1);
    assertThat(first.userName()).isEqualTo("ana");
    assertThat(first.teamId()).isEqualTo("T1");
    assertThat(first.at()).isEqualTo(Instant.ofEpochMilli(1));
  }

  @EachDatabase
  void longDetailIsClippedNotRejected(TestDb t) {
    JdbcAuditRepository audit = new JdbcAuditRepository(t.db());
    char[] big = new char[10_000];
    Arrays.fill(big, 'x');
    audit.append(new AuditEntry(0, Instant.EPOCH, "", "U", "u", "", "", "k", "a", new String(big)));
    assertThat(audit.recent(1, null).get(0).detail()).hasSize(4000);
  }

  @EachDatabase
  void offersNoWayToChangeHistory(TestDb t) {
    assertThat(Arrays.stream(JdbcAuditRepository.class.getDeclaredMethods()).map(m -> m.getName()))
        .noneMatch(n -> n.startsWith("update") || n.startsWith("delete") || n.startsWith("remove"));
  }
}
