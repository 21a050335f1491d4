package io.cfychatops.archive;

/**
 * How Cloudify's restore will read an archive ({@code snapshot_restore.py} {@code
 * _is_legacy_snapshot}: legacy iff {@code metadata.json} names all three schema revisions).
 */
public enum ArchiveFormat {
  /** The 7.x JSON-per-entity format: restored entity by entity, without version checks. */
  SEVEN_X,
  /** The pre-7.0 database-dump format: restored wholesale, with the legacy validator's checks. */
  LEGACY,
  /**
   * A legacy archive without the stage and composer schema revisions (a community manager's):
   * Cloudify takes the 7.x path, finds no {@code mgmt/} or {@code tenants/} files, restores nothing
   * and still ends {@code terminated}.
   */
  LEGACY_MISREAD_AS_7X,
  /** No readable {@code metadata.json}: the restore fails at once. */
  UNKNOWN;

  /** Whether the contents can be counted from the archive (the 7.x layout is read as 7.x). */
  public boolean countable() {
    return this == SEVEN_X || this == LEGACY_MISREAD_AS_7X;
  }

  /** Whether the restore checks the snapshot's version against the manager's (legacy path only). */
  public boolean restoreChecksVersion() {
    return this == LEGACY;
  }
}
