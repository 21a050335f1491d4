package io.cfychatops.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FingerprintTest {

  @Test
  void stableHexDigestSensitiveToEveryField() {
    String base = Fingerprint.of("https://m", "t", "cfy x", "2025-01-01T00:00:00Z", "created");
    assertThat(base).matches("[0-9a-f]{64}");
    assertThat(Fingerprint.of("https://m", "t", "cfy x", "2025-01-01T00:00:00Z", "created"))
        .isEqualTo(base);
    assertThat(Fingerprint.of("https://n", "t", "cfy x", "2025-01-01T00:00:00Z", "created"))
        .isNotEqualTo(base);
    assertThat(Fingerprint.of("https://m", "u", "cfy x", "2025-01-01T00:00:00Z", "created"))
        .isNotEqualTo(base);
    assertThat(Fingerprint.of("https://m", "t", "cfy y", "2025-01-01T00:00:00Z", "created"))
        .isNotEqualTo(base);
    assertThat(Fingerprint.of("https://m", "t", "cfy x", "2025-01-02T00:00:00Z", "created"))
        .isNotEqualTo(base);
    assertThat(Fingerprint.of("https://m", "t", "cfy x", "2025-01-01T00:00:00Z", "failed"))
        .isNotEqualTo(base);
  }

  @Test
  void fieldBoundariesCannotBeShifted() {
    assertThat(Fingerprint.of("a", "bc", "", null, null))
        .isNotEqualTo(Fingerprint.of("ab", "c", "", null, null));
    assertThat(Fingerprint.of(null, null, null, null, null))
        .isEqualTo(Fingerprint.of("", "", "", "", ""));
  }

  @Test
  void mismatchIsExplainedFieldByField() {
    var was = new Fingerprint.Inputs("u", "t", "cfy x", "c1", "created");
    assertThat(
            ApprovalTexts.explain(was, new Fingerprint.Inputs("u", "t", "cfy x", "c2", "failed")))
        .isEqualTo(
            "the snapshot changed since approval: status created → failed, created_at c1 → c2");
    assertThat(
            ApprovalTexts.explain(was, new Fingerprint.Inputs("u", "t2", "cfy x", "c1", "created")))
        .isEqualTo("the tenant changed: t → t2");
  }
}
