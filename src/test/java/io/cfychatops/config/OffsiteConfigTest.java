package io.cfychatops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.offsite.LockMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backups.offsite}: the documented example, defaults per target, and every problem named at
 * once.
 */
class OffsiteConfigTest {
  private static final String MANAGER =
      """
      managers:
        - { name: m, url: "http://10.0.0.1", username: admin, password_env: PW }
      """;

  @Test
  void theExampleBlockParsesWhenUncommented() throws Exception {
    String text =
        Files.readString(Path.of("config.example.yml"))
            .replace("ca_cert: /etc/cfy-chatops/prod-ca.pem", "trust_all: false")
            .replaceAll("(?m)^  # (offsite:|  )", "  $1");
    assertThat(text).contains("\n  offsite:\n");
    BotConfig cfg =
        new ConfigLoader(
                Map.of(
                    "CFY_PROD_PASSWORD",
                    "pw",
                    "CFY_STAGING_TOKEN",
                    "t",
                    "OFFSITE_ACCESS_KEY",
                    "AKID1",
                    "OFFSITE_SECRET_KEY",
                    "s3cr3t-value"))
            .loadText(text);
    OffsiteConfig o = cfg.backup().offsiteTarget().orElseThrow();
    assertThat(o.endpoint()).isEqualTo(URI.create("https://minio.example.net:9000"));
    assertThat(o.bucket()).isEqualTo("cfy-backups");
    assertThat(o.prefix()).isEqualTo("cfy-chatops");
    assertThat(o.pathStyle()).isTrue();
    assertThat(o.accessKey().reveal()).isEqualTo("AKID1");
    assertThat(o.secretKey().reveal()).isEqualTo("s3cr3t-value");
    assertThat(o.objectLock().mode()).isEqualTo(LockMode.COMPLIANCE);
    assertThat(o.objectLock().days()).isEqualTo(30);
    assertThat(o.checksums()).isEqualTo(OffsiteConfig.Checksums.WHEN_REQUIRED);
    assertThat(o.partSize()).isEqualTo(64L << 20);
    assertThat(o.readTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(o.toString()).doesNotContain("s3cr3t-value").doesNotContain("AKID1");
  }

  @Test
  void offsiteIsOffUnlessConfigured() {
    BotConfig cfg = new ConfigLoader(Map.of("PW", "x")).loadText(MANAGER);
    assertThat(cfg.backup().offsiteTarget()).isEmpty();
  }

  @Test
  void defaultsDependOnWhetherTheTargetIsAwsOrACustomEndpoint(@TempDir Path dir) throws Exception {
    Path ak = Files.writeString(dir.resolve("ak"), "AKFILE\n");
    Path sk = Files.writeString(dir.resolve("sk"), "secret-from-file\n");
    OffsiteConfig custom =
        new ConfigLoader(Map.of("PW", "x"))
            .loadText(
                MANAGER
                    + """
        backups:
          offsite:
            endpoint: http://127.0.0.1:9000/
            bucket: bk1
            access_key_file: %s
            secret_key_file: %s
        """
                        .formatted(ak, sk))
            .backup()
            .offsite();
    assertThat(custom.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(custom.region()).isEqualTo("us-east-1");
    assertThat(custom.pathStyle()).isTrue();
    assertThat(custom.checksums()).isEqualTo(OffsiteConfig.Checksums.WHEN_REQUIRED);
    assertThat(custom.accessKey().reveal()).isEqualTo("AKFILE");
    assertThat(custom.secretKey().reveal()).isEqualTo("secret-from-file");
    assertThat(custom.objectLock()).isNull();
    assertThat(custom.partSize()).isEqualTo(OffsiteConfig.DEFAULT_PART_SIZE);

    OffsiteConfig aws =
        new ConfigLoader(Map.of("PW", "x"))
            .loadText(
                MANAGER
                    + """
        backups:
          offsite: { region: eu-west-1, bucket: my-backups, prefix: prod/cfy, part_size: 1GiB,
                     object_lock: { mode: governance, days: 7 } }
        """)
            .backup()
            .offsite();
    assertThat(aws.isAws()).isTrue();
    assertThat(aws.pathStyle()).isFalse();
    assertThat(aws.checksums()).isEqualTo(OffsiteConfig.Checksums.WHEN_SUPPORTED);
    assertThat(aws.usesDefaultCredentials()).isTrue();
    assertThat(aws.prefix()).isEqualTo("prod/cfy");
    assertThat(aws.partSize()).isEqualTo(1L << 30);
    assertThat(aws.objectLock().mode()).isEqualTo(LockMode.GOVERNANCE);
  }

  @Test
  void everyOffsiteProblemIsNamedAtOnce() {
    String yaml =
        MANAGER
            + """
        backups:
          offsite:
            endpoint: "ftp://user:pw@host/path"
            bucket: Bad_Bucket
            prefix: /leading
            path_style: sometimes
            secret_key: inline-secret
            access_key_env: MISSING_AK
            object_lock: { mode: FOREVER, days: 0 }
            checksums: always
            part_size: 1MiB
            read_timeout: soon
            colour: blue
        """;
    assertThatThrownBy(() -> new ConfigLoader(Map.of("PW", "x")).loadText(yaml))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p -> assertThat(p).startsWith("backups.offsite.colour: unknown key"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith(
                                    "backups.offsite.secret_key: do not put keys in the config file"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains(
                                    "backups.offsite.access_key_env: environment variable MISSING_AK is not set"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("backups.offsite.endpoint: must be an http(s) URL"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("backups.offsite.endpoint: must not carry credentials"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("backups.offsite.endpoint: give the server URL only"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("backups.offsite.bucket: 3-63 lower-case")
                                .contains("Bad_Bucket"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("backups.offsite.prefix:")
                                .contains("/leading"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("backups.offsite.path_style: true or false"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith(
                                    "backups.offsite.object_lock.mode: GOVERNANCE or COMPLIANCE")
                                .contains("FOREVER"))
                    .anySatisfy(p -> assertThat(p).startsWith("backups.offsite.object_lock.days:"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("backups.offsite.checksums:")
                                .contains("always"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("backups.offsite.part_size: between 5MiB and 5GiB"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("backups.offsite.read_timeout: expected a duration"))
                    .noneSatisfy(p -> assertThat(p).contains("inline-secret")));
  }

  @Test
  void awsNeedsARegionAndKeysComeInPairs() {
    String yaml =
        MANAGER
            + """
        backups:
          offsite: { bucket: b-1, access_key_env: AK }
        """;
    assertThatThrownBy(() -> new ConfigLoader(Map.of("PW", "x", "AK", "a")).loadText(yaml))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p ->
                            assertThat(p).startsWith("backups.offsite.region: required for AWS S3"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("backups.offsite.credentials: give both")));
  }
}
