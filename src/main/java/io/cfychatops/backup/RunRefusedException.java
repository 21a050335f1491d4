package io.cfychatops.backup;

/**
 * A run was refused before it started, e.g. because one is already running for the manager. The
 * message says why and what to do next.
 */
public final class RunRefusedException extends BackupException {
  public RunRefusedException(String message) {
    super(message);
  }
}
