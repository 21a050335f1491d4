package io.cfychatops.cloudify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {
  private static final String PASSWORD = "s3cr3t-P4ss";
  private static final Credentials BASIC = Credentials.basic("admin", PASSWORD);

  @ParameterizedTest
  @ValueSource(strings = {"a", "nightly-2024-08-12", "Pre.upgrade_1", "x-"})
  void validIds(String id) {
    assertThat(SnapshotId.problem(id).orElse(null)).isNull();
    assertThat(SnapshotId.tryParse(id)).get().extracting(SnapshotId::value).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1abc", "-abc", "_a", "a b", "a/b", "ünïcode", "a;rm"})
  void invalidIds(String id) {
    assertThat(SnapshotId.problem(id).orElse(null)).contains(SnapshotId.RULE);
    assertThat(SnapshotId.tryParse(id)).isEmpty();
    assertThatThrownBy(() -> SnapshotId.of(id)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lengthLimit() {
    assertThat(SnapshotId.tryParse("a".repeat(256))).isPresent();
    assertThat(SnapshotId.problem("a".repeat(257)).orElse(null)).contains("257 characters");
    assertThat(SnapshotId.problem(null).orElse(null)).contains("empty");
  }

  @Property
  void anyIdFollowingTheRuleIsAccepted(
      @ForAll @CharRange(from = 'a', to = 'z') char first,
      @ForAll
          @StringLength(max = 255)
          @CharRange(from = 'A', to = 'Z')
          @CharRange(from = '0', to = '9')
          @Chars({'.', '_', '-'})
          String rest) {
    assertThat(SnapshotId.tryParse(first + rest)).isPresent();
  }

  @Property
  void validationNeverThrows(@ForAll String any) {
    String error = SnapshotId.problem(any).orElse(null);
    assertThat(SnapshotId.tryParse(any).isPresent()).isEqualTo(error == null);
  }

  @Test
  void executionStatusCategories() {
    for (ExecutionStatus s : ExecutionStatus.values()) {
      int categories = (s.isTerminal() ? 1 : 0) + (s.isWaiting() ? 1 : 0) + (s.isActive() ? 1 : 0);
      assertThat(categories).as(s.name()).isEqualTo(s == ExecutionStatus.UNKNOWN ? 0 : 1);
    }
    assertThat(ExecutionStatus.fromWire("force_cancelling"))
        .isEqualTo(ExecutionStatus.FORCE_CANCELLING);
    assertThat(ExecutionStatus.fromWire("kill_cancelling").isActive()).isTrue();
    assertThat(ExecutionStatus.fromWire("scheduled").isWaiting()).isTrue();
    assertThat(ExecutionStatus.fromWire(null, "completed")).isEqualTo(ExecutionStatus.TERMINATED);
    assertThat(ExecutionStatus.fromWire("something-new")).isEqualTo(ExecutionStatus.UNKNOWN);
    assertThat(ExecutionStatus.unfinishedWireValues())
        .containsExactlyInAnyOrder(
            "pending",
            "started",
            "queued",
            "scheduled",
            "cancelling",
            "force_cancelling",
            "kill_cancelling");
  }

  @Test
  void snapshotStatusBehaviour() {
    assertThat(SnapshotStatus.fromWire("uploaded").isRestorable()).isTrue();
    assertThat(SnapshotStatus.fromWire("failed").isTerminal()).isTrue();
    assertThat(SnapshotStatus.fromWire("failed").isRestorable()).isFalse();
    assertThat(SnapshotStatus.fromWire("uploading")).isEqualTo(SnapshotStatus.UNKNOWN);
    assertThat(RestoreStatus.fromWire("not-running")).isEqualTo(RestoreStatus.NOT_RUNNING);
    assertThatThrownBy(() -> RestoreStatus.fromWire("No snapshot is currently being restored"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void optionValidation() {
    assertThatThrownBy(() -> CreateOptions.builder().legacy(true).listenerTimeoutSeconds(5).build())
        .hasMessageContaining("legacy");
    assertThatThrownBy(() -> ListQuery.builder().filter("_all_tenants", "true").build())
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> ListQuery.builder().pageSize(0).build())
        .hasMessageContaining("pageSize");
    assertThatThrownBy(() -> Credentials.basic("1admin", "x")).hasMessageContaining("ASCII letter");
  }

  @Test
  void connectionValidation() {
    URI ok = URI.create("https://mgr.example");
    assertThatThrownBy(() -> ManagerConnection.of("m", URI.create("ftp://x"), null, BASIC))
        .hasMessageContaining("http(s)");
    assertThatThrownBy(() -> ManagerConnection.of("m", URI.create("https://u:p@x"), null, BASIC))
        .hasMessageContaining("credentials");
    assertThatThrownBy(
            () ->
                ManagerConnection.of("m", ok, null, BASIC)
                    .withCaCert(java.nio.file.Path.of("ca.pem"))
                    .withTimeouts(java.time.Duration.ZERO, null))
        .hasMessageContaining("connectTimeout");
    ManagerConnection c = ManagerConnection.of("m", ok, "t", BASIC);
    assertThat(c.connectTimeout()).isEqualTo(ManagerConnection.DEFAULT_CONNECT_TIMEOUT);
    assertThat(c.readTimeout()).isEqualTo(ManagerConnection.DEFAULT_READ_TIMEOUT);
    assertThat(c.toString()).doesNotContain(PASSWORD);
  }
}
