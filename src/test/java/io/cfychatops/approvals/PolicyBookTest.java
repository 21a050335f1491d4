package io.cfychatops.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cfychatops.access.Role;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyBookTest {

  @Test
  void defaultsGateTheDestructiveActionsOnly() {
    PolicyBook book = PolicyBook.defaults();
    for (ApprovalAction a : ApprovalAction.values()) {
      assertThat(book.resolve("prod", a)).as(a.configName()).isEqualTo(ApprovalPolicy.DEFAULT);
    }
    assertThat(ApprovalAction.fromConfigName("create")).isEmpty(); // nothing else can be gated
    assertThat(ApprovalPolicy.DEFAULT.requiredVotes()).isEqualTo(1);
    assertThat(ApprovalPolicy.DEFAULT.approverRoles())
        .containsExactlyInAnyOrder(Role.APPROVER, Role.ADMIN);
    assertThat(ApprovalPolicy.DEFAULT.expiry()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void mostSpecificOverrideWins() {
    ApprovalPolicy two = ApprovalPolicy.DEFAULT.withRequiredVotes(2);
    ApprovalPolicy reason = ApprovalPolicy.DEFAULT.withReasonRequired(true);
    ApprovalPolicy none = ApprovalPolicy.NOT_REQUIRED;
    PolicyBook book =
        PolicyBook.builder()
            .override("prod", ApprovalAction.RESTORE.configName(), two)
            .override("prod", PolicyBook.ANY, reason)
            .override(PolicyBook.ANY, ApprovalAction.MAINTENANCE_DEACTIVATE.configName(), none)
            .build();
    assertThat(book.resolve("prod", ApprovalAction.RESTORE)).isEqualTo(two);
    assertThat(book.resolve("prod", ApprovalAction.DELETE)).isEqualTo(reason);
    assertThat(book.resolve("prod", ApprovalAction.MAINTENANCE_DEACTIVATE)).isEqualTo(reason);
    assertThat(book.resolve("dev", ApprovalAction.MAINTENANCE_DEACTIVATE)).isEqualTo(none);
    assertThat(book.resolve("dev", ApprovalAction.RESTORE)).isEqualTo(ApprovalPolicy.DEFAULT);
  }

  @Test
  void badPoliciesNameTheBadValue() {
    assertThatThrownBy(() -> ApprovalPolicy.DEFAULT.withRequiredVotes(0))
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> ApprovalPolicy.DEFAULT.withExpiry(Duration.ZERO))
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> ApprovalPolicy.DEFAULT.withApprovers(Set.of(), Set.of()))
        .hasMessageContaining("at least one approver role or group");
    assertThatThrownBy(() -> PolicyBook.builder().override("*", "*", ApprovalPolicy.DEFAULT))
        .hasMessageContaining("defaultPolicy");
    assertThatThrownBy(
            () -> PolicyBook.builder().override("prod", "create", ApprovalPolicy.DEFAULT))
        .hasMessageContaining("unknown approval action `create`");
  }
}
