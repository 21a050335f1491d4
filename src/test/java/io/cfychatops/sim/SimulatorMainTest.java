package io.cfychatops.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

  @Test
  void defaults() {
    SimulatorConfig c = SimulatorMain.parse(new String[0]);
    assertThat(c.port()).isEqualTo(8100);
    assertThat(c.username()).isEqualTo("admin");
    assertThat(c.tenant()).isEqualTo("default_tenant");
    assertThat(c.archiveSize()).isEqualTo(64 * 1024);
    assertThat(c.snapshotUpdateLag()).as("the status lag is a fault knob, off by default").isZero();
  }

  @Test
  void allFlags() {
    SimulatorConfig c =
        SimulatorMain.parse(
            new String[] {
              "--port",
              "9000",
              "--user",
              "root",
              "--password",
              "pw",
              "--tenant",
              "t1",
              "--latency-ms",
              "50",
              "--error-rate",
              "0.25",
              "--exec-seconds",
              "1.5",
              "--outage-seconds",
              "7",
              "--outage-mode",
              "drop",
              "--archive-size",
              "1g",
              "--seed=7",
              "--snapshot-status-lag-ms",
              "300"
            });
    assertThat(c.port()).isEqualTo(9000);
    assertThat(c.username()).isEqualTo("root");
    assertThat(c.password()).isEqualTo("pw");
    assertThat(c.tenant()).isEqualTo("t1");
    assertThat(c.latency()).isEqualTo(Duration.ofMillis(50));
    assertThat(c.errorRate()).isEqualTo(0.25);
    assertThat(c.runDuration()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.outageDuration()).isEqualTo(Duration.ofSeconds(7));
    assertThat(c.outageMode()).isEqualTo(OutageMode.DROP_CONNECTIONS);
    assertThat(c.archiveSize()).isEqualTo(1024L * 1024 * 1024);
    assertThat(c.seed()).isEqualTo(7);
    assertThat(c.snapshotUpdateLag()).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void contentAndRestoreFlags() {
    SimulatorConfig c =
        SimulatorMain.parse(
            new String[] {
              "--content-size",
              "medium",
              "--content-seed",
              "9",
              "--audit-duplicates",
              "3",
              "--restore-target",
              "non-empty",
              "--manager-version",
              "7.0.2",
              "--snapshot-version",
              "7.1.0",
              "--edition",
              "community",
              "--restore-entity-failures",
              "2"
            });
    assertThat(c.contentSize()).isEqualTo(ContentSize.MEDIUM);
    assertThat(c.effectiveContentSeed()).isEqualTo(9);
    assertThat(c.auditDuplicates()).isEqualTo(3);
    assertThat(c.restoreTarget()).isEqualTo(RestoreTarget.NON_EMPTY);
    assertThat(c.managerVersion()).isEqualTo("7.0.2");
    assertThat(c.archiveVersion()).isEqualTo("7.1.0");
    assertThat(c.edition()).isEqualTo("community");
    assertThat(c.restoreEntityFailures()).isEqualTo(2);
    assertThat(
            SimulatorMain.parse(new String[] {"--content-size", "12000"}).contentSize().entities())
        .isEqualTo(12_000);
    assertThat(SimulatorMain.parse(new String[0]).contentSize()).isEqualTo(ContentSize.NONE);
    assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--content-size", "huge"}))
        .hasMessageContaining("huge");
    assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--snapshot-version", "banana"}))
        .hasMessageContaining("snapshotVersion must look like 7.0.4, got `banana`");
  }

  @Test
  void sizes() {
    assertThat(SimulatorMain.parseSize("64k")).isEqualTo(65536);
    assertThat(SimulatorMain.parseSize("10M")).isEqualTo(10L * 1024 * 1024);
    assertThat(SimulatorMain.parseSize("123")).isEqualTo(123);
    assertThatThrownBy(() -> SimulatorMain.parseSize("lots")).hasMessageContaining("lots");
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--colour", "red"}))
        .hasMessage("Unknown options: '--colour', 'red'");
    assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--error-rate", "2"}))
        .hasMessageContaining("errorRate must be within 0.0..1.0, got 2.0");
    assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--port"}))
        .hasMessage("Missing required parameter for option '--port' (N)");
    assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--outage-mode", "boom"}))
        .hasMessageContaining("boom");
  }

  @Test
  void announceLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SimulatorMain.announce(
        new PrintStream(bytes, true, StandardCharsets.UTF_8), SimulatorConfig.defaults(), 8100);
    assertThat(bytes.toString(StandardCharsets.UTF_8).trim())
        .isEqualTo(
            "Cloudify simulator listening on http://127.0.0.1:8100 (user admin, tenant default_tenant)");
  }
}
