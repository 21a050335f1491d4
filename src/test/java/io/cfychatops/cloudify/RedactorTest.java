package io.cfychatops.cloudify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void masksJsonValuesOfSecretKeys() {
    String in = "{\"config\": {\"postgresql_password\": \"pg \\\"q\\\" pw\", \"db_address\": \"localhost\"},"
        + " \"token\":\"abc\"}";
    String out = Redactor.redact(in);
    assertThat(out).doesNotContain("pg").doesNotContain("abc")
        .contains("\"postgresql_password\": \"***\"").contains("localhost");
  }

  @Test
  void masksHeadersQueryStringsAndYaml() {
    assertThat(Redactor.redact("Authorization: Basic YWRtaW46czNjcjN0LVA0c3M="))
        .isEqualTo("Authorization: ***");
    assertThat(Redactor.redact("sent Basic YWRtaW46czNjcjN0LVA0c3M= to x")).isEqualTo("sent Basic *** to x");
    assertThat(Redactor.redact("Authentication-Token: ctok-ab12-XyZsecret")).isEqualTo("Authentication-Token: ***");
    assertThat(Redactor.redact("see ctok-ab12-XyZsecret here")).isEqualTo("see ctok-*** here");
    assertThat(Redactor.redact("https://x/y?password=hunter2&a=1")).isEqualTo("https://x/y?password=***&a=1");
    assertThat(Redactor.redact("admin_password: hunter2\nport: 80")).isEqualTo("admin_password: ***\nport: 80");
    assertThat(Redactor.redact("https://bob:hunter2@files.example/s.zip")).isEqualTo("https://***@files.example/s.zip");
  }

  @Test
  void leavesOrdinaryTextAlone() {
    String text = "User unauthorized: Token is expired. Basic authentication failed for admin";
    assertThat(Redactor.redact(text)).isEqualTo(text);
    assertThat(Redactor.redact(null)).isNull();
  }

  @Test
  void redactsMapsRecursively() {
    Map<String, Object> out = Redactor.redactMap(Map.of(
        "snapshot_id", "n1",
        "config", Map.of("postgresql_password", "pw", "user", "cloudify")));
    assertThat(out).containsEntry("snapshot_id", "n1");
    assertThat(out.get("config")).isEqualTo(Map.of("postgresql_password", "***", "user", "cloudify"));
    assertThat(Redactor.isSecretKey("Authorization")).isTrue();
    assertThat(Redactor.isSecretKey("status")).isFalse();
  }
}
