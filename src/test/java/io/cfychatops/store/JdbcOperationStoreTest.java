package io.cfychatops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.chat.MessageRef;
import io.cfychatops.ops.OpKind;
import io.cfychatops.ops.OpStatus;
import io.cfychatops.ops.Operation;
import io.cfychatops.ops.OperationStore;
import io.cfychatops.ops.StepState;
import io.cfychatops.ops.StepStatus;
import io.cfychatops.ops.TestSpecs;
import java.time.Instant;
import java.util.List;

class JdbcOperationStoreTest {
  static final Instant T0 = TestDatabases.T0;

  static Operation op(String id, Instant createdAt) {
    return new Operation(
        id,
        OpKind.RESTORE,
        "prod",
        TestSpecs.restore("nightly-1", true, false),
        null,
        null,
        "U1",
        List.of("U2"),
        OpStatus.RUNNING,
        List.of(StepState.pending("maintenance-on"), StepState.pending("restore")),
        null,
        null,
        createdAt,
        null,
        null,
        null,
        null,
        null,
        7);
  }

  @EachDatabase
  void insertFindAndUpdateRoundTripTheWholeValue(TestDb t) {
    JdbcOperationStore store = new JdbcOperationStore(t.db());
    Operation v0 = store.insert(op("op-1", T0.plusNanos(123_456_789)));
    assertThat(v0.version()).isZero();
    assertThat(store.find("op-1")).contains(v0);
    assertThat(store.find("op-missing")).isEmpty();

    String longDetail = "x".repeat(20_000); // wider than any VARCHAR column but body
    Operation changed =
        v0.withStep(
                v0.step("maintenance-on")
                    .orElseThrow()
                    .started(T0.plusSeconds(1))
                    .withExecutionId("exec-1")
                    .withData("attempted", "true")
                    .finished(StepStatus.DONE, T0.plusSeconds(2), longDetail))
            .withMessage("#ops", new MessageRef("C1", "1700000000.000100"))
            .withCancel("REQUESTED")
            .withFailure("quote \" backslash \\ newline \n é ✓");
    Operation v1 = store.update(changed);
    assertThat(v1.version()).isEqualTo(1);
    assertThat(store.find("op-1")).contains(v1);

    Operation v2 = store.update(v1.withStatus(OpStatus.SUCCEEDED, T0.plusSeconds(3), "done"));
    assertThat(v2.version()).isEqualTo(2);
    Operation read = store.find("op-1").orElseThrow();
    assertThat(read).isEqualTo(v2);
    assertThat(read.finishedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(read.step("maintenance-on").orElseThrow().detail()).isEqualTo(longDetail);
  }

  @EachDatabase
  void aStaleWriteFromAnotherInstanceIsAConcurrentUpdate(TestDb t) {
    JdbcOperationStore a = new JdbcOperationStore(t.db());
    JdbcOperationStore b = new JdbcOperationStore(t.openUnmigrated());
    a.insert(op("op-1", T0));
    Operation readByA = a.find("op-1").orElseThrow();
    Operation readByB = b.find("op-1").orElseThrow();

    Operation won = b.update(readByB.withFailure("b was first"));
    assertThatThrownBy(() -> a.update(readByA.withFailure("a was late")))
        .isInstanceOf(OperationStore.ConcurrentUpdateException.class)
        .hasMessageContaining("op-1")
        .hasMessageContaining("expected version 0");
    assertThat(a.find("op-1")).contains(won);

    // re-read, then write: accepted
    Operation again = a.update(a.find("op-1").orElseThrow().withFailure("a after re-read"));
    assertThat(again.version()).isEqualTo(2);
    assertThat(b.find("op-1").orElseThrow().failure()).isEqualTo("a after re-read");
  }

  @EachDatabase
  void updatingAnOperationThatWasNeverInsertedIsAConcurrentUpdate(TestDb t) {
    JdbcOperationStore store = new JdbcOperationStore(t.db());
    assertThatThrownBy(() -> store.update(op("op-ghost", T0).withVersion(0)))
        .isInstanceOf(OperationStore.ConcurrentUpdateException.class);
    assertThat(store.find("op-ghost")).isEmpty();
  }

  @EachDatabase
  void insertingTheSameIdTwiceFails(TestDb t) {
    JdbcOperationStore store = new JdbcOperationStore(t.db());
    store.insert(op("op-1", T0));
    assertThatThrownBy(() -> store.insert(op("op-1", T0.plusSeconds(1))))
        .isInstanceOf(DuplicateKeyException.class);
  }

  @EachDatabase
  void unfinishedAreTheRunningOnesOldestFirstAndRecentIsNewestFirst(TestDb t) {
    JdbcOperationStore store = new JdbcOperationStore(t.db());
    store.insert(op("op-b", T0.plusSeconds(2)));
    store.insert(op("op-a", T0));
    Operation c = store.insert(op("op-c", T0.plusSeconds(1)));
    store.insert(op("op-d", T0.plusSeconds(2))); // same time as op-b: id breaks the tie
    store.update(c.withStatus(OpStatus.FAILED, T0.plusSeconds(5), "failed"));

    assertThat(store.findUnfinished())
        .extracting(Operation::id)
        .containsExactlyInAnyOrder("op-a", "op-b", "op-d")
        .startsWith("op-a");
    assertThat(store.recent(10))
        .extracting(Operation::id)
        .containsExactly("op-d", "op-b", "op-c", "op-a");
    assertThat(store.recent(2)).extracting(Operation::id).containsExactly("op-d", "op-b");
    assertThat(store.recent(0)).isEmpty();
  }
}
