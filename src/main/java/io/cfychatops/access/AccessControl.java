package io.cfychatops.access;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a user holds a role on a manager, from the configured grants. Direct grants (user
 * ids) need no lookup. Group membership comes from a {@link GroupDirectory} through a cache whose
 * entries <b>expire</b> {@code groupTtl} after they were fetched (hard expiry: a member removed
 * from a group loses the group's roles within the TTL) and are refreshed in the background a little
 * before that while in use. A failed lookup is never cached and never read as "not a member": the
 * check throws {@link GroupLookupException} and the next check asks again.
 *
 * <p>Thread-safe.
 */
public final class AccessControl {
  /** How long a group's member list is trusted (README: "Access and approvals"). */
  public static final Duration DEFAULT_GROUP_TTL = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(AccessControl.class);

  private final List<Grant> grants;
  private final LoadingCache<String, Set<String>> groups;
  private final String contact;

  /**
   * @param groupTtl the longest a fetched member list is used for a decision
   * @param ticker time source of the cache (tests pass a fake one)
   * @param refresher runs background refreshes
   * @param contact who grants roles, for refusals ("ask {@code contact}")
   */
  public AccessControl(
      List<Grant> grants,
      GroupDirectory directory,
      Duration groupTtl,
      Ticker ticker,
      Executor refresher,
      String contact) {
    if (groupTtl.isNegative() || groupTtl.isZero()) {
      throw new IllegalArgumentException("groupTtl must be positive, got " + groupTtl);
    }
    this.grants = List.copyOf(grants);
    this.contact = contact;
    this.groups =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(refresher)
            .expireAfterWrite(groupTtl)
            .refreshAfterWrite(groupTtl.multipliedBy(4).dividedBy(5))
            .maximumSize(1_000)
            .build(g -> Set.copyOf(directory.members(g))); // a throwing load caches nothing
  }

  public AccessControl(List<Grant> grants, GroupDirectory directory, String contact) {
    this(
        grants,
        directory,
        DEFAULT_GROUP_TTL,
        Ticker.systemTicker(),
        ForkJoinPool.commonPool(),
        contact);
  }

  /** True when no grant at all is configured: nobody has any role (a first run). */
  public boolean noGrants() {
    return grants.isEmpty();
  }

  /**
   * Every role the user holds on {@code manager} (directly or through a group).
   *
   * @throws GroupLookupException a group that could add a role could not be looked up
   */
  public Set<Role> roles(String userId, String manager) {
    Set<Role> out = EnumSet.noneOf(Role.class);
    GroupLookupException failed = null;
    for (Grant g : grants) {
      if (!g.appliesTo(manager)) {
        continue;
      }
      Role r = g.role();
      if (out.contains(r)) {
        continue;
      }
      if (g.users().contains(userId)) {
        out.add(r);
        continue;
      }
      for (String grp : g.groups()) {
        try {
          if (inGroup(userId, grp)) {
            out.add(r);
            break;
          }
        } catch (GroupLookupException e) {
          failed = e;
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
    return out;
  }

  /**
   * True when the user holds {@code needed} (or a role implying it) on {@code manager}. Direct
   * grants are checked first, without any lookup; a group lookup failure only matters when no other
   * grant decides.
   *
   * @throws GroupLookupException the answer depends on a group that could not be looked up
   */
  public boolean has(String userId, String manager, Role needed) {
    List<Grant> relevant = new ArrayList<>();
    for (Grant g : grants) {
      if (g.appliesTo(manager) && g.role().implies(needed)) {
        if (g.users().contains(userId)) {
          return true;
        }
        relevant.add(g);
      }
    }
    GroupLookupException failed = null;
    for (Grant g : relevant) {
      for (String grp : g.groups()) {
        try {
          if (inGroup(userId, grp)) {
            return true;
          }
        } catch (GroupLookupException e) {
          failed = e;
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
    return false;
  }

  /**
   * The managers among {@code candidates} on which the user holds {@code needed}, in the given
   * order: what every query and list is filtered to.
   *
   * @throws GroupLookupException see {@link #has}
   */
  public List<String> managers(String userId, Role needed, List<String> candidates) {
    List<String> out = new ArrayList<>();
    for (String m : candidates) {
      if (has(userId, m, needed)) {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * True when the user is in the group (id or handle), by a member list at most the TTL old.
   *
   * @throws GroupLookupException the member list could not be fetched
   */
  public boolean inGroup(String userId, String group) {
    Set<String> members;
    try {
      members = groups.get(group);
    } catch (RuntimeException e) {
      log.warn(
          "User group {} lookup failed (not cached; the next check asks again): {}",
          group,
          e.toString());
      throw new GroupLookupException(group, e);
    }
    return members != null && members.contains(userId);
  }

  /**
   * Empty when allowed; otherwise a kind explanation naming the missing role and who grants it. On
   * a first run with no grant at all it says how to name the first admins instead.
   *
   * @throws GroupLookupException see {@link #has}
   */
  public Optional<String> check(String userId, String manager, Role needed, String what) {
    if (has(userId, manager, needed)) {
      return Optional.empty();
    }
    if (grants.isEmpty()) {
      return Optional.of(firstRun(userId));
    }
    Set<Role> held = roles(userId, manager);
    String heldText = held.isEmpty() ? "no role" : "the role(s) " + names(held);
    return Optional.of(
        "You need the `"
            + needed.label()
            + "` role on manager `"
            + manager
            + "` to "
            + what
            + "; you have "
            + heldText
            + ". Ask "
            + contact
            + " to grant it.");
  }

  /** The refusal for a query over several managers when the user may read none of them. */
  public String refusalOnEveryManager(String userId, Role needed, String what) {
    if (grants.isEmpty()) {
      return firstRun(userId);
    }
    return "You need the `"
        + needed.label()
        + "` role on a manager to "
        + what
        + "; you have it on none. Ask "
        + contact
        + " to grant it.";
  }

  /** The refusal when no grant exists yet: nobody could grant a role from chat. */
  public static String firstRun(String userId) {
    return "Nobody has a role on this bot yet: no access grants are configured. Whoever runs the bot names its first"
        + " admins with CFY_CHATOPS_ADMINS (your user id is `"
        + userId
        + "`) or grants roles under `access.grants`"
        + " in its config file, then restarts it.";
  }

  /**
   * Who may hold one of {@code roles} on {@code manager}, as configured (user ids and group names).
   */
  public List<String> holders(String manager, Set<Role> roles) {
    List<String> out = new ArrayList<>();
    for (Grant g : grants) {
      if (g.appliesTo(manager) && roles.stream().anyMatch(r -> g.role().implies(r))) {
        g.users().forEach(u -> out.add(u));
        g.groups().forEach(grp -> out.add("group " + grp));
      }
    }
    return out.stream().distinct().sorted().toList();
  }

  private static String names(Set<Role> roles) {
    return String.join(", ", roles.stream().map(Role::label).sorted().toList());
  }
}
