package io.cfychatops.sim;

import java.util.Locale;

/** What a restore finds on the manager it runs on. */
public enum RestoreTarget {
  /**
   * A freshly installed manager, as the backup-and-restore guide prescribes: the contents are
   * replaced by the archive's ({@code default_tenant}, the admin user and the built-in permissions
   * exist already and are skipped).
   */
  CLEAN,
  /**
   * Fault knob: the manager keeps what it holds. A 7.x restore deletes nothing: every entity whose
   * id exists fails with a 409 {@code Error restoring …} event, the rest is merged in, existing
   * secrets are only warned about, and the execution still ends {@code terminated}.
   */
  NON_EMPTY;

  /** {@code clean} or {@code non-empty} (or the constant name), case-insensitive. */
  public static RestoreTarget parse(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "clean" -> CLEAN;
      case "non-empty", "nonempty", "merge" -> NON_EMPTY;
      default ->
          throw new IllegalArgumentException(
              "Unknown restore target `" + s + "`; use clean or non-empty");
    };
  }
}
