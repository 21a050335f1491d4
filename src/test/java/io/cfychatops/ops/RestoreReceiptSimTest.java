package io.cfychatops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.chat.Button;
import io.cfychatops.sim.ContentSize;
import io.cfychatops.sim.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore receipt over real HTTP: seeded contents, the archive in the store, fault knobs. */
class RestoreReceiptSimTest {
  @TempDir Path tmp;
  SimHarness s;

  @AfterEach
  void stop() {
    if (s != null) {
      s.close();
    }
  }

  private void start(UnaryOperator<SimulatorConfig.Builder> cfg) {
    s =
        new SimHarness(
            tmp,
            b -> cfg.apply(b.contentSize(ContentSize.SMALL).outageDuration(Duration.ZERO)),
            OpsConfig.defaults("#ops", tmp.resolve("archives")));
    // as the bot wires it: previews read the archive store (downloading into it when needed)
    s.h.engine.previews(
        new StoredArchivePreviews(
            s.h.engine.api(),
            java.util.Objects.requireNonNull(s.h.engine.archives()),
            io.cfychatops.archive.ArchiveLimits.DEFAULT,
            s.clock));
  }

  private Operation run(OperationRequest r) {
    return s.h.runToEnd(s.h.engine.submit(r), Duration.ofMinutes(30));
  }

  /** Creates {@code id} on the manager and keeps its archive in the store (a download). */
  private void createAndStore(String id) {
    assertThat(run(OperationRequest.of(OpKind.CREATE, "prod", id, "U1")).status())
        .isEqualTo(OpStatus.SUCCEEDED);
    assertThat(run(OperationRequest.of(OpKind.DOWNLOAD, "prod", id, "U1")).status())
        .isEqualTo(OpStatus.SUCCEEDED);
  }

  private Operation restore(String id) {
    return run(TestSpecs.request(TestSpecs.restore(id, false, true), List.of("U2"), null));
  }

  @Test
  void aCleanRestoreHasACleanReceiptAndSucceeds() {
    start(b -> b.dropRestoredSnapshot(true));
    createAndStore("s1");
    Operation op = restore("s1");
    assertThat(op.status()).as(op.toString()).isEqualTo(OpStatus.SUCCEEDED);
    StepState receipt = op.step(ReceiptStep.NAME).orElseThrow();
    assertThat(receipt.data()).containsEntry(Step.PROBLEMS, "0");
    assertThat(receipt.detail()).startsWith("clean — all ").contains("are on the manager");
    String living = s.h.chat.living();
    assertThat(living).contains("Receipt: all ").contains("no errors logged");
    assertThat(living)
        .contains("sign in again")
        .contains("no longer in the manager's snapshot list");
    // the snapshot vanished after the restore and the store has it: a re-upload button
    assertThat(ReceiptStep.afterEffectButtons(op))
        .extracting(Button::actionId, Button::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ReceiptStep.REUPLOAD, "prod s1"));
  }

  @Test
  void entityFailuresEndCompletedWithProblemsNamingThem() {
    start(b -> b);
    createAndStore("s1");
    s.sim.failRestoreOf("blueprints", "bp-1");
    Operation op = restore("s1");
    assertThat(op.status()).as(op.toString()).isEqualTo(OpStatus.PARTIAL);
    int problems = Step.problems(op);
    assertThat(problems).isGreaterThanOrEqualTo(2);
    String living = s.h.chat.living();
    assertThat(living)
        .contains("completed with " + problems + " problems")
        .contains("blueprint `bp-1` not restored: 400")
        .contains("entities of the archive are missing")
        .doesNotContain("done in")
        .doesNotContain("succeeded");
    assertThat(s.maintenance()).isEqualTo("deactivated");
    // the button is offered exactly when the restored snapshot left the manager's list
    assertThat(ReceiptStep.afterEffectButtons(op).isEmpty())
        .isEqualTo(s.h.engine.api().getSnapshot("prod", "s1").isPresent());
  }

  @Test
  void withoutAPreviewErrorsStillJudgeAndCountsAreNotCompared() {
    start(b -> b.restoreEntityFailures(2));
    assertThat(run(OperationRequest.of(OpKind.CREATE, "prod", "s1", "U1")).status())
        .isEqualTo(OpStatus.SUCCEEDED);
    s.h.engine.previews((m, id) -> Optional.empty());
    Operation op = restore("s1");
    assertThat(op.status()).as(op.toString()).isEqualTo(OpStatus.PARTIAL);
    String living = s.h.chat.living();
    assertThat(living).contains("counts not compared: no preview of the archive");
    assertThat(living).contains("completed with " + Step.problems(op) + " problems");
    assertThat(living).contains("(fault knob)");
  }

  @Test
  void anUpgradeByRestoreOffersInstallNewAgentsOnTheRestoredDeployments() {
    start(b -> b);
    createAndStore("s1");
    s.sim.setManagerVersion("7.1.0"); // the manager was upgraded; the snapshot is older
    Operation op = restore("s1");
    assertThat(s.h.chat.living())
        .contains("version differs from the manager's (7.0.4 → 7.1.0)")
        .contains("install_new_agents")
        .contains("default_tenant/dep-1");
    assertThat(op.status()).isEqualTo(OpStatus.SUCCEEDED);
  }
}
