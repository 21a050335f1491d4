package io.cfychatops.backup;

/**
 * How many nightly copies to keep, grandfather-father-son style. Each count is how many of the most
 * recent buckets keep their newest verified copy: {@code daily} days, {@code weekly} ISO weeks,
 * {@code monthly} calendar months (in the manager's schedule zone). {@code keepLast} keeps the
 * newest verified copies whatever their dates. A copy is kept when any rule keeps it.
 *
 * <p>The empty policy (all zero) deletes nothing: it means "retention is not configured", not "keep
 * nothing".
 */
public record RetentionPolicy(int keepLast, int daily, int weekly, int monthly) {
  /** keep-last 3, 7 daily, 4 weekly, 6 monthly. */
  public static final RetentionPolicy DEFAULT = new RetentionPolicy(3, 7, 4, 6);

  public static final RetentionPolicy NONE = new RetentionPolicy(0, 0, 0, 0);

  public RetentionPolicy {
    check("keepLast", keepLast);
    check("daily", daily);
    check("weekly", weekly);
    check("monthly", monthly);
  }

  public boolean isEmpty() {
    return keepLast == 0 && daily == 0 && weekly == 0 && monthly == 0;
  }

  @Override
  public String toString() {
    return isEmpty()
        ? "none (nothing is deleted)"
        : "keep-last "
            + keepLast
            + ", daily "
            + daily
            + ", weekly "
            + weekly
            + ", monthly "
            + monthly;
  }

  private static void check(String name, int value) {
    if (value < 0 || value > 10_000) {
      throw new IllegalArgumentException(
          "retention " + name + " must be between 0 and 10000, was " + value);
    }
  }
}
