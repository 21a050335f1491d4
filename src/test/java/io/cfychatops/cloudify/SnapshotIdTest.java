package io.cfychatops.cloudify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "Z", "snapshot_AB12CD", "nightly-2024-08-12", "a.b_c-d", "a1"})
  void validIds(String id) {
    assertThat(SnapshotId.isValid(id)).isTrue();
    assertThat(SnapshotId.problem(id)).isEmpty();
    assertThat(SnapshotId.require(id)).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "9abc", "a b", "ab/c", "..", ".a", "-a", "_a", "a@b", "snäp", "a\u0000"})
  void invalidIds(String id) {
    assertThat(SnapshotId.isValid(id)).isFalse();
    assertThat(SnapshotId.problem(id)).get().asString().contains(SnapshotId.RULE);
    assertThatThrownBy(() -> SnapshotId.require(id)).isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void lengthLimit() {
    assertThat(SnapshotId.isValid("a".repeat(256))).isTrue();
    assertThat(SnapshotId.isValid("a".repeat(257))).isFalse();
    assertThat(SnapshotId.isValid(null)).isFalse();
    assertThat(SnapshotId.problem("9abc"))
        .contains(
            "`9abc` is not a valid snapshot id: ids must start with a letter and use only letters, digits,"
                + " `-`, `.` and `_` (max 256 characters).");
  }
}
