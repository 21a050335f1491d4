package io.cfychatops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.chat.ChatUser;
import io.cfychatops.chat.MessageRef;
import java.time.Duration;
import java.time.Instant;

class OperationRepositoryTest {
  static final ChatUser ANA = new ChatUser("U1", "ana", "T1");
  static final Instant T0 = SettableClock.DEFAULT_START;

  static NewOperation op(String id, String approvalId) {
    return new NewOperation(id, "restore", "prod", "default_tenant", "{\"snapshot\":\"s1\"}", ANA, approvalId);
  }

  @EachDatabase
  void insertFindAndList(TestDb t) {
    OperationRepository ops = new OperationRepository(t.db());
    OperationRecord r = ops.insert(op("op-1", "apr-0001"), T0);
    assertThat(r.status()).isEqualTo(OperationStatus.PENDING);
    assertThat(r.requestedBy().id()).isEqualTo("U1");
    assertThat(r.paramsJson()).isEqualTo("{\"snapshot\":\"s1\"}");
    assertThat(r.createdAt()).isEqualTo(T0);
    assertThat(r.finishedAt()).isNull();
    ops.insert(op("op-2", null), T0.plusSeconds(1));
    ops.insert(new NewOperation("op-3", "create", "dev", "", null, ANA, null), T0.plusSeconds(2));

    assertThat(ops.findByApproval("apr-0001")).map(OperationRecord::id).contains("op-1");
    assertThat(ops.recent(10, null)).extracting(OperationRecord::id).containsExactly("op-3", "op-2", "op-1");
    assertThat(ops.recent(10, "prod")).extracting(OperationRecord::id).containsExactly("op-2", "op-1");
    assertThat(ops.find("nope")).isEmpty();
  }

  @EachDatabase
  void approvalIdStartsAtMostOneOperation(TestDb t) {
    OperationRepository ops = new OperationRepository(t.db());
    ops.insert(op("op-1", "apr-0001"), T0);
    assertThatThrownBy(() -> ops.insert(op("op-2", "apr-0001"), T0))
        .isInstanceOf(DuplicateKeyException.class);
    assertThatThrownBy(() -> ops.insert(op("op-1", null), T0)).isInstanceOf(DuplicateKeyException.class);
    // many operations without an approval are fine (NULLs are not equal)
    ops.insert(op("op-3", null), T0);
    ops.insert(op("op-4", null), T0);
  }

  @EachDatabase
  void statusTransitionsAreCompareAndSet(TestDb t) {
    OperationRepository ops = new OperationRepository(t.db());
    ops.insert(op("op-1", null), T0);
    assertThat(ops.transition("op-1", OperationStatus.PENDING, OperationStatus.RUNNING, T0.plusSeconds(1))).isTrue();
    assertThat(ops.transition("op-1", OperationStatus.PENDING, OperationStatus.RUNNING, T0.plusSeconds(2))).isFalse();
    assertThat(ops.running()).extracting(OperationRecord::id).containsExactly("op-1");
    assertThat(ops.findUnfinished()).extracting(OperationRecord::id).containsExactly("op-1");

    assertThat(ops.finish("op-1", OperationStatus.SUCCEEDED, "restored s1", T0.plusSeconds(60))).isTrue();
    assertThat(ops.finish("op-1", OperationStatus.FAILED, "late", T0.plusSeconds(61))).isFalse();
    OperationRecord done = ops.find("op-1").orElseThrow();
    assertThat(done.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(done.summary()).isEqualTo("restored s1");
    assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(done.version()).isEqualTo(2);
    assertThat(ops.findUnfinished()).isEmpty();
    assertThatThrownBy(() -> ops.finish("op-1", OperationStatus.RUNNING, "", T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @EachDatabase
  void stepsExecutionIdAndMessageRefsSurviveForResume(TestDb t) {
    OperationRepository ops = new OperationRepository(t.db());
    ops.insert(op("op-1", null), T0);
    assertThat(ops.setMessage("op-1", new MessageRef("C1", "111.1"), T0)).isTrue();
    assertThat(ops.setThread("op-1", new MessageRef("C2", "222.2"), T0)).isTrue();
    assertThat(ops.setIncidentChannel("op-1", "C-inc", T0)).isTrue();

    assertThat(ops.startStep("op-1", 1, "maintenance on", T0)).isTrue();
    assertThat(ops.startStep("op-1", 1, "maintenance on", T0)).as("second start of the same step").isFalse();
    assertThat(ops.finishStep("op-1", 1, StepStatus.SUCCEEDED, "active", T0.plusSeconds(5))).isTrue();
    assertThat(ops.finishStep("op-1", 1, StepStatus.FAILED, "again", T0.plusSeconds(6))).isFalse();
    assertThat(ops.startStep("op-1", 2, "restore", T0.plusSeconds(6))).isTrue();
    assertThat(ops.setExecutionId("op-1", "exec-42", T0.plusSeconds(7))).isTrue();
    ops.appendEvent("op-1", T0.plusSeconds(8), "progress", "restore started", "333.3");
    ops.appendEvent("op-1", T0.plusSeconds(9), "progress", "restore 50%", null);

    // what a fresh instance sees after a crash
    OperationRepository after = new OperationRepository(t.db());
    OperationRecord r = after.find("op-1").orElseThrow();
    assertThat(r.currentStep()).isEqualTo("restore");
    assertThat(r.executionId()).isEqualTo("exec-42");
    assertThat(r.message()).isEqualTo(new MessageRef("C1", "111.1"));
    assertThat(r.thread()).isEqualTo(new MessageRef("C2", "222.2"));
    assertThat(r.incidentChannel()).isEqualTo("C-inc");
    assertThat(after.steps("op-1"))
        .extracting(OperationStep::seq, OperationStep::status, OperationStep::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, StepStatus.SUCCEEDED, "active"),
            org.assertj.core.groups.Tuple.tuple(2, StepStatus.RUNNING, null));
    assertThat(after.steps("op-1").get(0).endedAt()).isEqualTo(T0.plus(Duration.ofSeconds(5)));
    assertThat(after.events("op-1")).extracting(OperationEvent::text).containsExactly("restore started", "restore 50%");
    assertThat(after.events("op-1").get(0).messageTs()).isEqualTo("333.3");
  }
}
