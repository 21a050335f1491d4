package io.cfychatops.cloudify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManagerNameTest {
  @ParameterizedTest
  @ValueSource(strings = {"default", "prod", "prod-eu_1", "A"})
  void validNames(String name) {
    assertThat(ManagerName.isValid(name)).isTrue();
    assertThat(ManagerName.problem(name)).isEmpty();
    assertThat(ManagerName.of(name).value()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1prod", "prod.eu", "prod/eu", "../x", "-a", "_a", "prod eu", "snäp"})
  void invalidNames(String name) {
    assertThat(ManagerName.isValid(name)).isFalse();
    assertThat(ManagerName.problem(name)).get().asString().contains(ManagerName.RULE);
    assertThatThrownBy(() -> ManagerName.require(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a manager name");
  }

  @Test
  void lengthLimit() {
    assertThat(ManagerName.isValid("a".repeat(ManagerName.MAX_LENGTH))).isTrue();
    assertThat(ManagerName.isValid("a".repeat(ManagerName.MAX_LENGTH + 1))).isFalse();
    assertThat(ManagerName.isValid(null)).isFalse();
    assertThat(ManagerName.problem(null))
        .get()
        .asString()
        .startsWith("(none) is not a manager name");
  }
}
