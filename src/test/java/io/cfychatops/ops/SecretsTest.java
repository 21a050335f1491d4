package io.cfychatops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cfychatops.sim.CloudifySimulator;
import io.cfychatops.testing.FakeManager;
import io.cfychatops.testing.SettableClock;
import io.cfychatops.text.Redactor;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Execution parameters hold the DB password: it must reach neither Slack nor the logs. */
class SecretsTest {
  @TempDir Path tmp;

  private static ListAppender<ILoggingEvent> capture() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> app = new ListAppender<>();
    app.start();
    root.addAppender(app);
    ((Logger) LoggerFactory.getLogger("io.cfychatops"))
        .setLevel(ch.qos.logback.classic.Level.DEBUG);
    return app;
  }

  private static String logs(ListAppender<ILoggingEvent> app) {
    StringBuilder sb = new StringBuilder();
    for (ILoggingEvent e : app.list) {
      sb.append(e.getFormattedMessage()).append('\n');
      if (e.getThrowableProxy() != null) {
        sb.append(e.getThrowableProxy().getMessage()).append('\n');
      }
    }
    return sb.toString();
  }

  @Test
  void failingExecutionsWithPasswordsInTheirErrorsAreRedactedEverywhere() {
    ListAppender<ILoggingEvent> app = capture();
    SettableClock clock = SettableClock.at(java.time.Instant.parse("2026-03-01T10:00:00Z"));
    FakeManager fm = new FakeManager(clock).withSnapshot("nightly-1", "created");
    fm.createError = "create failed";
    fm.restoreError = "restore failed";
    Harness h = new Harness(fm, OpsConfig.defaults("#ops", tmp), clock);
    h.runToEnd(
        h.engine.submit(OperationRequest.of(OpKind.CREATE, "prod", "n1", "U1")),
        Duration.ofMinutes(5));
    h.runToEnd(
        h.engine.submit(TestSpecs.request(TestSpecs.restore("nightly-1", false, false))),
        Duration.ofMinutes(30));
    assertThat(h.chat.transcript())
        .contains("create failed")
        .contains("restore failed")
        .doesNotContain(FakeManager.DB_PASSWORD);
    assertThat(logs(app)).contains("restore failed").doesNotContain(FakeManager.DB_PASSWORD);
    for (Operation op : h.store.recent(10)) {
      assertThat(op.toString()).doesNotContain(FakeManager.DB_PASSWORD);
    }
  }

  @Test
  void simulatorExecutionsNeverLeakTheirConfigPassword() {
    ListAppender<ILoggingEvent> app = capture();
    try (SimHarness s = new SimHarness(tmp, b -> b, OpsConfig.defaults("#ops", tmp))) {
      s.sim.failNextCreate("disk full");
      s.h.runToEnd(
          s.h.engine.submit(OperationRequest.of(OpKind.CREATE, "prod", "n1", "U1")),
          Duration.ofMinutes(5));
      s.h.runToEnd(
          s.h.engine.submit(OperationRequest.of(OpKind.CREATE, "prod", "n2", "U1")),
          Duration.ofMinutes(5));
      s.h.engine.pump();
      assertThat(s.h.chat.transcript())
          .contains("disk full")
          .doesNotContain(CloudifySimulator.LEAKED_DB_PASSWORD);
      assertThat(logs(app)).doesNotContain(CloudifySimulator.LEAKED_DB_PASSWORD);
    }
  }

  @Test
  void redactorHandlesCommonShapes() {
    assertThat(Redactor.redact("{'postgresql_password': 'abc def'}")).doesNotContain("abc def");
    assertThat(Redactor.redact("{\"postgresql_password\": \"x1\"}")).doesNotContain("x1");
    assertThat(Redactor.redact("password=hunter2, user=admin"))
        .doesNotContain("hunter2")
        .contains("user=admin");
    assertThat(Redactor.redact("token ctok-abc-SECRETPART")).doesNotContain("SECRETPART");
  }
}
