package io.cfychatops.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cfychatops.config.Grant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AccessControlTest {
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;
  private final Map<String, Set<String>> groups = new ConcurrentHashMap<>(Map.of("sre-leads", Set.of("U_ANA")));
  private final AtomicInteger lookups = new AtomicInteger();

  private AccessControl access() {
    List<Grant> grants =
        List.of(
            new Grant("*", "viewer", Set.of("U_VIEW"), Set.of()),
            new Grant("*", "operator", Set.of("alice"), Set.of()),
            new Grant("prod", "approver", Set.of(), Set.of("sre-leads")),
            new Grant("dev", "admin", Set.of("root"), Set.of()));
    GroupDirectory dir =
        g -> {
          lookups.incrementAndGet();
          return groups.getOrDefault(g, Set.of());
        };
    return new AccessControl(grants, dir, Duration.ofMinutes(5), ticker, Runnable::run, "#platform");
  }

  @Test
  void rolesImplyViewerAndAdminImpliesEverything() {
    AccessControl a = access();
    assertThat(a.has("alice", "prod", Role.VIEWER)).isTrue();
    assertThat(a.has("alice", "prod", Role.OPERATOR)).isTrue();
    assertThat(a.has("alice", "prod", Role.APPROVER)).isFalse();
    assertThat(a.has("root", "dev", Role.APPROVER)).isTrue();
    assertThat(a.has("root", "prod", Role.VIEWER)).isFalse();
    assertThat(a.has("U_VIEW", "dev", Role.OPERATOR)).isFalse();
  }

  @Test
  void groupMembershipGrantsRolesPerManager() {
    AccessControl a = access();
    assertThat(a.has("U_ANA", "prod", Role.APPROVER)).isTrue();
    assertThat(a.has("U_ANA", "dev", Role.APPROVER)).isFalse();
    assertThat(a.has("U_BOB", "prod", Role.APPROVER)).isFalse();
  }

  @Test
  void deniedAnswerNamesTheMissingRoleAndWhoGrantsIt() {
    assertThat(access().check("dave", "prod", Role.OPERATOR, "create snapshots"))
        .hasValueSatisfying(
            s -> assertThat(s).contains("`operator`").contains("`prod`").contains("no role").contains("#platform"));
    assertThat(access().check("alice", "prod", Role.OPERATOR, "create snapshots")).isEmpty();
  }

  @Test
  void groupMembershipIsCachedAndRefreshedAfterTheTtl() {
    AccessControl a = access();
    assertThat(a.inGroup("U_ANA", "sre-leads")).isTrue();
    assertThat(a.inGroup("U_ANA", "sre-leads")).isTrue();
    assertThat(lookups).hasValue(1);
    groups.put("sre-leads", Set.of("U_NEW"));
    nanos.addAndGet(Duration.ofMinutes(6).toNanos());
    a.inGroup("U_NEW", "sre-leads"); // stale read triggers the refresh (run inline here)
    assertThat(a.inGroup("U_NEW", "sre-leads")).isTrue();
    assertThat(a.inGroup("U_ANA", "sre-leads")).isFalse();
    assertThat(lookups).hasValue(2);
  }
}
