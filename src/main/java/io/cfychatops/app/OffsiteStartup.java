package io.cfychatops.app;

import io.cfychatops.backup.NightlyService;
import io.cfychatops.backup.OffsiteCopies;
import io.cfychatops.config.BotConfig;
import io.cfychatops.offsite.OffsiteStore;
import io.cfychatops.offsite.s3.S3Offsite;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The off-site target of {@code backups.offsite}: opened at start-up (no network call), and its
 * self-test (probe put, get, delete; lock configuration) run once in the background, so a slow or
 * unreachable store never delays start-up or readiness; every call of the self-test is bounded by
 * the store's connect and read timeouts. Its result feeds {@code /readyz} and App Home ({@link
 * OffsiteCopies#notReady()}, {@link OffsiteCopies#statusLine()}).
 */
final class OffsiteStartup {
  private static final Logger log = LoggerFactory.getLogger(OffsiteStartup.class);

  private OffsiteStartup() {}

  /** The store {@code backups.offsite} describes; null when off-site copies are off. */
  static OffsiteStore open(BotConfig config, Clock clock) {
    Optional<io.cfychatops.config.OffsiteConfig> cfg = config.backup().offsiteTarget();
    if (cfg.isEmpty()) {
      return null;
    }
    OffsiteStore store = S3Offsite.open(cfg.get(), clock);
    log.info("Off-site copies go to {}", store.target());
    return store;
  }

  /** Starts the self-test on a daemon thread; null when off-site copies are off. */
  static Thread selfTest(NightlyService nightly) {
    Optional<OffsiteCopies> copies = nightly.offsite();
    if (copies.isEmpty()) {
      return null;
    }
    Thread t = new Thread(copies.get()::runSelfTest, "cfy-offsite-selftest");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
