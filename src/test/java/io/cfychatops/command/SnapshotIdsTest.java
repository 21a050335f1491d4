package io.cfychatops.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotIdsTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "Z", "snapshot_AB12CD", "nightly-2024-08-12", "a.b_c-d", "a1"})
  void validIds(String id) {
    assertThat(SnapshotIds.isValid(id)).isTrue();
    assertThat(SnapshotIds.problem(id)).isEmpty();
    assertThat(SnapshotIds.require(id)).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "9abc", "a b", "ab/c", "..", ".a", "-a", "_a", "a@b", "snäp", "a\u0000"})
  void invalidIds(String id) {
    assertThat(SnapshotIds.isValid(id)).isFalse();
    assertThat(SnapshotIds.problem(id)).get().asString().contains(SnapshotIds.RULE);
    assertThatThrownBy(() -> SnapshotIds.require(id)).isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void lengthLimit() {
    assertThat(SnapshotIds.isValid("a".repeat(256))).isTrue();
    assertThat(SnapshotIds.isValid("a".repeat(257))).isFalse();
    assertThat(SnapshotIds.isValid(null)).isFalse();
    assertThat(SnapshotIds.problem("9abc"))
        .contains("`9abc` is not a valid snapshot id: ids must start with a letter and use only letters, digits,"
            + " `-`, `.` and `_` (max 256 characters).");
  }
}
