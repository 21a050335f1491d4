package io.cfychatops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.approvals.AuditEntry;
import io.cfychatops.approvals.AuditRepository;
import io.cfychatops.testing.FakeManager;
import io.cfychatops.testing.SettableClock;
import io.cfychatops.timeline.Timeline;
import io.cfychatops.timeline.TimelineFormat;
import io.cfychatops.timeline.Timelines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files of the timeline of a two-person restore (issue 14 item 3): the restore runs on the
 * real runbook against {@link FakeManager} with a driven clock, the audit lines are those the
 * approval service writes for a request, a refused vote and two approvals. Regenerate with {@code
 * -Dgolden.write=true} and check the files by eye.
 */
class TimelineGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final String APPROVAL = "apr-golden01";

  @TempDir Path root;

  /** The append-only audit log, in memory. */
  static final class ListAudit implements AuditRepository {
    final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized long append(AuditEntry e) {
      long id = entries.size() + 1L;
      entries.add(
          new AuditEntry(
              id,
              e.at(),
              e.teamId(),
              e.userId(),
              e.userName(),
              e.channel(),
              e.manager(),
              e.kind(),
              e.action(),
              e.detail()));
      return id;
    }

    @Override
    public synchronized List<AuditEntry> recent(int limit, String manager) {
      List<AuditEntry> out = new ArrayList<>();
      for (int i = entries.size() - 1; i >= 0 && out.size() < limit; i--) {
        if (manager == null || manager.equals(entries.get(i).manager())) {
          out.add(entries.get(i));
        }
      }
      return out;
    }

    @Override
    public List<AuditEntry> recentOf(int limit, Collection<String> managers) {
      return recent(limit, null).stream().filter(e -> managers.contains(e.manager())).toList();
    }

    void add(Instant at, String user, String name, String kind, String action, String detail) {
      append(new AuditEntry(0, at, "T1", user, name, "C0OPS", "prod", kind, action, detail));
    }
  }

  Timeline twoPersonRestore() {
    SettableClock clock = SettableClock.at(T0);
    FakeManager fm = new FakeManager(clock);
    fm.withSnapshot("nightly-1", "created");
    Harness h = new Harness(fm, Harness.config(root), clock);
    h.engine.approvalGate(
        (approval, op, read) ->
            new ApprovalGate.Verdict.Holds("approval " + approval + " still holds"));
    ListAudit audit = new ListAudit();
    audit.add(
        T0,
        "U_ALICE",
        "alice",
        "approval",
        "open",
        APPROVAL
            + " cfy snapshots restore nightly-1 -m prod -t default_tenant (needs 2, expires"
            + " 2026-03-01T10:30:00Z) reason: drill, \"quarterly\" | check");
    audit.add(
        T0.plusSeconds(120),
        "U_BOB",
        "bob",
        "approval",
        "approve",
        APPROVAL + " 1 of 2 approvals: @bob");
    audit.add(
        T0.plusSeconds(150),
        "U_MAL",
        "-mallory",
        "approval",
        "refused",
        "approve "
            + APPROVAL
            + " (not_eligible): To vote on "
            + APPROVAL
            + " you need the admin role or the approver role on manager `prod`.");
    Instant approved = T0.plusSeconds(210);
    audit.add(
        approved,
        "U_CAROL",
        "carol",
        "approval",
        "approve",
        APPROVAL + " 2 of 2 approvals: @bob, @carol");
    audit.add(
        approved,
        "U_CAROL",
        "carol",
        "approval",
        "approved",
        APPROVAL + " approved by @bob, @carol");
    String opId = OperationEngine.idForApproval(APPROVAL);
    audit.add(
        approved,
        "U_ALICE",
        "alice",
        "operation",
        "start",
        opId + " cfy snapshots restore nightly-1");
    audit.add(T0.plusSeconds(5), "U_X", "x", "approval", "open", "apr-other999 unrelated");
    clock.set(approved);
    OperationRequest req =
        new OperationRequest(
            OperationSpec.defaults(
                OpKind.RESTORE, io.cfychatops.cloudify.SnapshotId.of("nightly-1")),
            "prod",
            "U_ALICE",
            List.of("U_BOB", "U_CAROL"),
            null,
            APPROVAL);
    assertThat(h.engine.submitOnce(opId, req)).isTrue();
    Operation op = h.runToEnd(opId, Duration.ofMinutes(30));
    assertThat(op.status()).as(op.toString()).isEqualTo(OpStatus.SUCCEEDED);
    return Timelines.build(op, audit.mentioning("prod", List.of(opId, APPROVAL), 1000));
  }

  @Test
  void theTimelineOfATwoPersonRestoreMatchesTheGoldenFiles() throws IOException {
    Timeline t = twoPersonRestore();
    // the milestones the issue names, in order, each recorded once
    assertThat(t.milestones())
        .extracting(Timeline.Milestone::name)
        .containsSubsequence(
            Timeline.REQUESTED,
            Timeline.VOTE,
            Timeline.VOTE,
            Timeline.APPROVED,
            Timeline.MAINTENANCE_ON,
            Timeline.REST_DOWN,
            Timeline.REST_BACK,
            Timeline.RESTORE_ENDED,
            Timeline.MAINTENANCE_OFF,
            Timeline.FINISHED);
    assertThat(t.downtime()).isPresent();
    assertThat(t.restOutage()).isPresent();
    assertThat(t.downtime().orElseThrow()).isGreaterThan(t.restOutage().orElseThrow());
    assertThat(t.events()).noneMatch(e -> e.detail().contains("apr-other999"));
    for (TimelineFormat f : TimelineFormat.values()) {
      // FakeManager's execution ids are random UUIDs: the only part not fixed by the clock
      String actual =
          f.render(t)
              .replaceAll(
                  "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "EXECUTION-ID");
      Path golden = GOLDEN.resolve("timeline-two-person-restore." + f.word());
      if (Boolean.getBoolean("golden.write")) {
        Files.createDirectories(GOLDEN);
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
      }
      assertThat(actual).as(golden.toString()).isEqualTo(Files.readString(golden));
    }
  }

  @Test
  void csvCellsAreQuotedPerRfc4180AndNeverStartAFormula() {
    Timeline t = twoPersonRestore();
    String csv = TimelineFormat.CSV.render(t);
    assertThat(csv).startsWith(TimelineFormat.CSV_HEADER + "\r\n");
    assertThat(csv).contains(",'-mallory,"); // a leading - is defused
    assertThat(csv).contains("\"\"quarterly\"\""); // quotes doubled inside a quoted field
    String md = TimelineFormat.MD.render(t);
    assertThat(md).contains("drill, \"quarterly\" \\| check"); // pipes escaped in the table
  }
}
