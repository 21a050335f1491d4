package io.cfychatops.approvals;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves (manager, {@link ApprovalAction}) to an {@link ApprovalPolicy}. Most specific wins:
 *
 * <ol>
 *   <li>an override for this manager and this action;
 *   <li>an override for this manager and every action ({@code "*"});
 *   <li>an override for every manager ({@code "*"}) and this action;
 *   <li>the default: {@link #defaultPolicy()} when the action is {@link
 *       ApprovalAction#requiredByDefault()}, otherwise {@link ApprovalPolicy#NOT_REQUIRED}.
 * </ol>
 *
 * <p>Note that a manager-wide {@code "*"} override applies to every action, including ones that
 * would not need approval by default. Immutable; built by {@link #builder()}.
 */
public final class PolicyBook {
  public static final String ANY = ApprovalAction.ANY;

  private final ApprovalPolicy defaultPolicy;
  private final Map<String, ApprovalPolicy> overrides;

  private PolicyBook(ApprovalPolicy defaultPolicy, Map<String, ApprovalPolicy> overrides) {
    this.defaultPolicy = defaultPolicy;
    this.overrides = Map.copyOf(overrides);
  }

  /** Defaults only: the gated actions need one approver, 30 minutes. */
  public static PolicyBook defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public ApprovalPolicy defaultPolicy() {
    return defaultPolicy;
  }

  public ApprovalPolicy resolve(String manager, ApprovalAction action) {
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(action, "action");
    String name = action.configName();
    for (String key : new String[] {key(manager, name), key(manager, ANY), key(ANY, name)}) {
      ApprovalPolicy p = overrides.get(key);
      if (p != null) {
        return p;
      }
    }
    return action.requiredByDefault() ? defaultPolicy : ApprovalPolicy.NOT_REQUIRED;
  }

  private static String key(String manager, String action) {
    return manager + "\u0000" + action;
  }

  public static final class Builder {
    private ApprovalPolicy defaultPolicy = ApprovalPolicy.DEFAULT;
    private final Map<String, ApprovalPolicy> overrides = new HashMap<>();

    /** The policy of gated actions that have no override. */
    public Builder defaultPolicy(ApprovalPolicy p) {
      this.defaultPolicy = Objects.requireNonNull(p, "defaultPolicy");
      if (!p.required()) {
        throw new IllegalArgumentException(
            "the default policy applies to gated actions and must require approval; use an"
                + " override per action to lift approval");
      }
      return this;
    }

    /**
     * {@code manager} and/or {@code action} may be {@code "*"}; not both. {@code action} is an
     * {@link ApprovalAction#configName()} or {@code "*"}, as in the config file.
     */
    public Builder override(String manager, String action, ApprovalPolicy p) {
      Objects.requireNonNull(manager, "manager");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(p, "policy");
      if (!ANY.equals(action) && ApprovalAction.fromConfigName(action).isEmpty()) {
        throw new IllegalArgumentException(
            "unknown approval action `"
                + action
                + "`; one of "
                + ApprovalAction.configNames()
                + " or "
                + ANY);
      }
      if (ANY.equals(manager) && ANY.equals(action)) {
        throw new IllegalArgumentException(
            "use defaultPolicy(...) instead of override(\"*\", \"*\")");
      }
      overrides.put(key(manager, action), p);
      return this;
    }

    public PolicyBook build() {
      return new PolicyBook(defaultPolicy, overrides);
    }
  }
}
