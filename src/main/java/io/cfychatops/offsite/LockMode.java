package io.cfychatops.offsite;

/**
 * S3 Object Lock retention modes. Both keep an object version from being deleted or overwritten
 * until its retain-until date; they differ in who can cut that short.
 */
public enum LockMode {
  /**
   * Users with {@code s3:BypassGovernanceRetention} can shorten or remove it. This bot never does.
   */
  GOVERNANCE,
  /** Nobody, not even the account root, can shorten it or delete the version before the date. */
  COMPLIANCE;

  /** True when an administrator with the bypass permission can still delete the version early. */
  public boolean bypassable() {
    return this == GOVERNANCE;
  }

  /** Parses {@code governance} / {@code COMPLIANCE}; null when it is neither. */
  public static LockMode parse(String s) {
    if (s == null) {
      return null;
    }
    for (LockMode m : values()) {
      if (m.name().equalsIgnoreCase(s.trim())) {
        return m;
      }
    }
    return null;
  }
}
