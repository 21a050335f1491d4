package io.cfychatops.it;

import static io.cfychatops.it.BotYaml.Users.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cfychatops.json.Json;
import io.cfychatops.testing.Await;
import io.cfychatops.testing.FakeSlackApi;
import io.cfychatops.testing.S3ProxyProcess;
import io.cfychatops.testing.S3ProxyServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README promise "after each verified nightly the archive is copied off-site, read back and
 * verified": the built jar in HTTP mode with {@code backups.offsite} pointing at an S3Proxy process
 * (a real S3 server over a filesystem store, keys from files), a manager on a seconds cron.
 *
 * <ol>
 *   <li>the off-site self-test passes at start-up: {@code /readyz} is ready and the log says so;
 *   <li>the scheduled nightly's report in the reports channel shows {@code ✓ off-site};
 *   <li>the object in the bucket has the SHA-256 of the local sidecar (and of the local archive);
 *   <li>{@code /metrics} counts the off-site success;
 *   <li>with the local copy gone, {@code snapshots upload ID --from-offsite -s NEW} fetches the
 *       object back through the archive store and uploads it to the manager;
 *   <li>a second bot with a wrong secret key is not ready: {@code /readyz} names the failed check.
 * </ol>
 */
class OffsiteIT {
  static final Duration STEP = Duration.ofSeconds(30);
  static final Duration OP = Duration.ofSeconds(90);
  static final String BUCKET = "cfy-offsite";

  @Test
  void aScheduledNightlyGoesOffSiteVerifiedAndComesBackForAnUpload() throws Exception {
    try (Stack s = Stack.start("OffsiteIT", Stack.Engine.EMBEDDED, "--exec-seconds", "1");
        S3ProxyProcess s3 =
            S3ProxyProcess.start(
                s.dir.resolve("s3"),
                List.of(BUCKET),
                List.of("-Xmx256m"),
                Duration.ofSeconds(60))) {
      Path access = Files.writeString(s.dir.resolve("access.key"), S3ProxyServer.ACCESS_KEY);
      Path secret = Files.writeString(s.dir.resolve("secret.key"), S3ProxyServer.SECRET_KEY);
      Path wrong = Files.writeString(s.dir.resolve("wrong.key"), "not-the-secret");
      BotYaml config =
          s.config()
              .offsite(offsite(s3, access, secret))
              .manager("nightly", s.sim.baseUrl(), "*/15 * * * * *");
      BotProcess bot = s.httpBot("bot", config);

      // 1. the self-test ran in the background and passed
      Path err = bot.process().stdout().resolveSibling(bot.process().name() + ".err");
      Await.require(
          STEP,
          "the off-site self-test logged in " + err,
          () -> logged(err, "Off-site target ready"));
      assertThat(bot.management("/readyz").statusCode()).isEqualTo(200);

      // 2. the scheduled nightly reports ✓ off-site
      FakeSlackApi.Call report = s.slack.awaitPost(BotYaml.REPORTS, "Nightly backups:", OP);
      String text = SlackDriver.visible(report);
      assertThat(text).contains("Nightly backups: 1 of 1 succeeded").contains("✓ off-site");
      Matcher m = Pattern.compile("nightly-nightly-[0-9-]+").matcher(text);
      assertThat(m.find()).as(text).isTrue();
      String id = m.group();

      // 3. the bucket's object hashes like the local sidecar says
      Path local = s.dir.resolve("archives").resolve("nightly").resolve(id + ".zip");
      JsonNode sidecar =
          Json.mapper().readTree(s.dir.resolve("archives/nightly/" + id + ".json").toFile());
      Path object = s3.blobFile(BUCKET, "cfy-chatops/nightly/" + id + ".zip");
      assertThat(Files.exists(object)).as(object.toString()).isTrue();
      assertThat(sha256(object)).isEqualTo(sidecar.get("sha256").asText()).isEqualTo(sha256(local));

      // 4. counted
      assertThat(bot.management("/metrics").body())
          .containsPattern("cfy_offsite_pushes_succeeded_total\\{manager=\"nightly\"\\} [1-9]");

      // 5. restore source from off-site: the local copy is gone, the object comes back
      Files.delete(local);
      Files.delete(s.dir.resolve("archives/nightly/" + id + ".json"));
      String ask =
          s.slack.slash(
              bot,
              ALICE,
              "snapshots upload "
                  + id
                  + " --from-offsite --from-manager nightly -s from-offsite-1 -m default");
      SlackDriver.Ended end = s.slack.awaitEnd("Upload snapshot `from-offsite-1` on default", OP);
      assertThat(end.outcome()).as(end.text()).isEqualTo("succeeded");
      assertThat(s.sim.count("PUT /snapshots/from-offsite-1/archive")).isEqualTo(1);
      assertThat(sha256(local)).as("fetched back into the store").isEqualTo(sha256(object));
      assertThat(ask).isNotNull();

      // 6. wrong credentials: a second bot is not ready and says why
      bot.close();
      BotProcess bad =
          s.httpBot(
              "bad",
              s.config()
                  .offsite(offsite(s3, access, wrong))
                  .manager("nightly", s.sim.baseUrl(), BotYaml.NEVER_DURING_TESTS));
      Await.require(
          STEP,
          "readyz names the failed off-site check",
          () -> bad.managementStatus("/readyz") == 503);
      assertThat(bad.management("/readyz").body())
          .contains("off-site")
          .contains("credentials and bucket")
          .contains("check access_key/secret_key");
      Figures.record(
          "OffsiteIT",
          "nightly "
              + id
              + " off-site, object SHA-256 "
              + sha256(object).substring(0, 12)
              + " = sidecar; fetched back and uploaded as from-offsite-1");
    }
  }

  private static String offsite(S3ProxyProcess s3, Path access, Path secret) {
    return """
            endpoint: %s
            bucket: %s
            access_key_file: "%s"
            secret_key_file: "%s"
            connect_timeout: 2s
            read_timeout: 20s
        """
        .formatted(s3.endpoint(), BUCKET, access, secret);
  }

  private static boolean logged(Path log, String text) {
    try {
      return Files.exists(log) && Files.readString(log).contains(text);
    } catch (java.io.IOException e) {
      return false; // half-written UTF-8 at the end: look again
    }
  }

  private static String sha256(Path f) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(f)) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
