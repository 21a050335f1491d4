package io.cfychatops.backup;

import java.util.Collection;

/** A command named a manager without a backup schedule. */
public final class UnknownManagerException extends BackupException {
  public UnknownManagerException(String manager, Collection<String> known) {
    super(
        "Unknown manager `"
            + manager
            + "`. Backups are configured for: "
            + String.join(", ", known)
            + ". Try `/cfy backups status`.");
  }
}
