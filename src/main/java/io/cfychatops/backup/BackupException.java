package io.cfychatops.backup;

/** The unchecked failure family of this package; messages are fit to show in chat. */
public class BackupException extends RuntimeException {
  public BackupException(String message) {
    super(message);
  }

  public BackupException(String message, Throwable cause) {
    super(message, cause);
  }
}
