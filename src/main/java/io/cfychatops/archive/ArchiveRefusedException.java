package io.cfychatops.archive;

import java.util.Objects;

/**
 * The archive was not read, because reading it would pass a limit or it is not a zip. The message
 * says which limit and is safe to show: it holds sizes and sanitised entry names, never content.
 */
public final class ArchiveRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why an archive was refused. */
  public enum Reason {
    NOT_A_ZIP,
    TOO_MANY_ENTRIES,
    CENTRAL_DIRECTORY_TOO_LARGE,
    ENTRIES_OVERLAP,
    ENTRY_RATIO_EXCEEDED,
    INFLATED_TOTAL_EXCEEDED,
    METADATA_TOO_LARGE,
    JSON_ENTRY_TOO_LARGE,
    JSON_LIMIT_EXCEEDED,
    TOO_MANY_ENTITIES,
    TOO_MANY_TENANTS
  }

  private final Reason reason;

  public ArchiveRefusedException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
