package io.cfychatops.offsite.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cfychatops.config.OffsiteConfig;
import io.cfychatops.config.Secret;
import io.cfychatops.offsite.ArchiveFacts;
import io.cfychatops.offsite.OffsiteProblem;
import io.cfychatops.offsite.OffsiteStore;
import io.cfychatops.offsite.PushResult;
import io.cfychatops.offsite.SelfTestResult;
import io.cfychatops.testing.S3ProxyProcess;
import io.cfychatops.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3Proxy started as its own process (as the acceptance suite runs it): self-test and a verified
 * push through it; over https with a self-signed certificate, trusted only through {@code ca_cert}.
 */
class S3ProxyProcessTest {

  @Test
  void aSeparateS3ProxyProcessServesTheAdapter(@TempDir Path dir) throws Exception {
    byte[] bytes = new byte[7 * 1024 * 1024 + 3];
    new Random(5).nextBytes(bytes);
    Path zip = Files.write(dir.resolve("a.zip"), bytes);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    long pid;
    try (S3ProxyProcess s3 =
        S3ProxyProcess.start(
            dir.resolve("s3"), List.of("offsite"), List.of("-Xmx256m"), Duration.ofSeconds(90))) {
      pid = s3.pid();
      OffsiteConfig cfg =
          new OffsiteConfig(
              s3.endpoint(),
              "us-east-1",
              "offsite",
              "acc",
              true,
              Secret.of(S3ProxyServer.ACCESS_KEY),
              Secret.of(S3ProxyServer.SECRET_KEY),
              null,
              OffsiteConfig.Checksums.WHEN_REQUIRED,
              5L << 20,
              Duration.ofSeconds(5),
              Duration.ofSeconds(30),
              null);
      try (OffsiteStore store = S3Offsite.open(cfg, Clock.systemUTC())) {
        SelfTestResult st = store.selfTest();
        assertThat(st.ok()).as(st.describe()).isTrue();
        PushResult r =
            store.push(
                "prod",
                "nightly-prod-20261202-0200",
                zip,
                new ArchiveFacts(sha, bytes.length, "7.0.0", Instant.now()));
        assertThat(r.ok()).as(r.summary()).isTrue();
        assertThat(r.sha256()).isEqualTo(sha);
        // the object as the other process stored it on disk
        assertThat(
                HexFormat.of()
                    .formatHex(
                        MessageDigest.getInstance("SHA-256")
                            .digest(Files.readAllBytes(s3.blobFile("offsite", r.key())))))
            .isEqualTo(sha);
      }
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .as("stopped")
        .isFalse();
  }

  @Test
  void anHttpsStoreWithAPrivateCaIsTrustedThroughCaCertAndNamedWithoutIt(@TempDir Path dir)
      throws Exception {
    try (S3ProxyProcess s3 =
        S3ProxyProcess.start(
            dir.resolve("s3"),
            List.of("offsite"),
            List.of("-Xmx256m"),
            Duration.ofSeconds(90),
            S3ProxyProcess.Mode.HTTPS)) {
      assertThat(s3.endpoint().getScheme()).isEqualTo("https");
      try (OffsiteStore trusted = S3Offsite.open(config(s3, s3.caCert()), Clock.systemUTC());
          OffsiteStore untrusted = S3Offsite.open(config(s3, null), Clock.systemUTC())) {
        SelfTestResult ok = trusted.selfTest();
        assertThat(ok.ok()).as(ok.describe()).isTrue();
        SelfTestResult.Check failed = untrusted.selfTest().firstFailure().orElseThrow();
        assertThat(failed.problem()).isEqualTo(OffsiteProblem.TLS);
        assertThat(failed.detail())
            .contains("TLS handshake with bucket offsite at " + s3.endpoint() + " failed")
            .contains("backups.offsite.ca_cert");
      }
    }
  }

  private static OffsiteConfig config(S3ProxyProcess s3, Path caCert) {
    return new OffsiteConfig(
        s3.endpoint(),
        "us-east-1",
        "offsite",
        "acc",
        true,
        Secret.of(S3ProxyServer.ACCESS_KEY),
        Secret.of(S3ProxyServer.SECRET_KEY),
        null,
        OffsiteConfig.Checksums.WHEN_REQUIRED,
        5L << 20,
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        caCert);
  }
}
