package io.cfychatops.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void masksPasswordsTokensAndHeaders() {
    String in =
        "{\"postgresql_password\": \"hunter2\", \"user\": \"admin\"} password=s3cret Authorization: Basic YWRtaW46YWRtaW4="
            + " Authentication-Token: ctok-12-abcdef xoxb-1234567-abcdefgh xapp-1-A111-222 https://u:pw@host/x ctok-9-zzzz";
    String out = Redaction.redact(in);
    assertThat(out)
        .doesNotContain("hunter2", "s3cret", "YWRtaW46YWRtaW4=", "abcdef", "xoxb-1234567", "xapp-1-A111", ":pw@", "zzzz")
        .contains("\"user\": \"admin\"")
        .contains("ctok-***");
  }

  @Test
  void leavesOrdinaryTextAlone() {
    String s = "snapshot nightly-prod-20261125-0200 created in 42 s";
    assertThat(Redaction.redact(s)).isEqualTo(s);
  }

  @Test
  void jsonEscapingKeepsLinesValid() {
    assertThat(JsonStringConverter.escape("a\"b\\c\nd\u0001")).isEqualTo("a\\\"b\\\\c\\nd\\u0001");
  }
}
