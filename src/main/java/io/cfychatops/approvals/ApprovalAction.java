package io.cfychatops.approvals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The actions an approval can gate, with their names in the config file ({@code
 * approvals.rules[].action}) and on approval cards. Every one of them needs approval unless the
 * config lifts it: they can lose data or change what a whole manager does. Which command maps to
 * which action is {@code command.ActionKind#approvalKey()}.
 */
public enum ApprovalAction {
  RESTORE("restore"),
  DELETE("delete"),
  /** An upload whose snapshot id already exists on the manager: the stored archive is replaced. */
  UPLOAD_OVER_EXISTING("upload-over-existing"),
  MAINTENANCE_ACTIVATE("maintenance-activate"),
  /**
   * Gated like activation: turning maintenance off releases every queued execution and reopens the
   * write APIs at once, which during someone else's restore or upgrade lets workflows run against a
   * half-restored manager.
   */
  MAINTENANCE_DEACTIVATE("maintenance-deactivate");

  /** The config's word for "every action" in a rule. */
  public static final String ANY = "*";

  private final String configName;

  ApprovalAction(String configName) {
    this.configName = configName;
  }

  /**
   * The name in the config file, on cards and in the store: {@code restore}, {@code
   * maintenance-deactivate}, …
   */
  public String configName() {
    return configName;
  }

  /** True when the action waits for approval unless the config says otherwise (all of them). */
  public boolean requiredByDefault() {
    return true;
  }

  /**
   * The action named {@code name} in the config; empty for anything else (also {@code *} and null).
   */
  public static Optional<ApprovalAction> fromConfigName(String name) {
    return Arrays.stream(values()).filter(a -> a.configName.equals(name)).findFirst();
  }

  /** Every config name, in declaration order. */
  public static List<String> configNames() {
    return Arrays.stream(values()).map(ApprovalAction::configName).toList();
  }

  @Override
  public String toString() {
    return configName;
  }
}
