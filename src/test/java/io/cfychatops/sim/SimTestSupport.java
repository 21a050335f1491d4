package io.cfychatops.sim;

import io.cfychatops.testing.SettableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a simulator on an ephemeral port with a {@link SettableClock}; subclasses may reconfigure.
 */
abstract class SimTestSupport {
  final SettableClock clock = SettableClock.create();
  CloudifySimulator sim;
  SimClient client;

  @TempDir Path tmp;

  SimulatorConfig.Builder config() {
    return SimulatorConfig.builder()
        .clock(clock)
        .storageDir(tmp.resolve("store"))
        .extraUser("viewer", "viewer-pw");
  }

  CloudifySimulator start(SimulatorConfig.Builder builder) {
    if (sim != null) {
      sim.stop();
    }
    sim = new CloudifySimulator(builder.build());
    try {
      sim.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    client = new SimClient(sim);
    return sim;
  }

  CloudifySimulator start() {
    return start(config());
  }

  void advance(Duration d) {
    clock.advance(d);
  }

  void advanceSeconds(double s) {
    clock.advance(Duration.ofMillis(Math.round(s * 1000)));
  }

  @AfterEach
  void stopSimulator() {
    if (sim != null) {
      sim.stop();
    }
  }
}
