package io.cfychatops.approvals;

import io.cfychatops.chat.ChatUser;
import io.cfychatops.store.Database;
import io.cfychatops.store.JdbcApprovalRepository;
import io.cfychatops.store.JdbcAuditRepository;
import java.time.Clock;
import java.util.List;

/** Shared test data for approval tests. */
final class Fixtures {
  static final ChatUser BOB = new ChatUser("U-bob", "bob", "T1");
  static final ChatUser ANA = new ChatUser("U-ana", "ana", "T1");
  static final ChatUser CARL = new ChatUser("U-carl", "carl", "T1");
  static final String URL = "https://cfy-prod.example.com";
  static final String COMMAND = "cfy snapshots restore snap-1 --restore-certificates";
  static final String CREATED_AT = "2025-01-14T02:00:05.123Z";

  private Fixtures() {}

  static ApprovalService service(Database db, Clock clock) {
    return new ApprovalService(
        new JdbcApprovalRepository(db), new JdbcAuditRepository(db), clock, IdGenerator.random());
  }

  static NewApproval restore(ApprovalPolicy policy, String reason) {
    return new NewApproval(
        "prod",
        "default_tenant",
        URL,
        ApprovalAction.RESTORE.configName(),
        COMMAND,
        BOB,
        "C-ops",
        reason,
        List.of(
            "maintenance mode on",
            "restore snap-1",
            "REST service restart",
            "maintenance mode off"),
        "snap-1",
        CREATED_AT,
        "created",
        policy);
  }

  static Fingerprint.Inputs inputs(String snapshotStatus) {
    return new Fingerprint.Inputs(URL, "default_tenant", COMMAND, CREATED_AT, snapshotStatus);
  }
}
