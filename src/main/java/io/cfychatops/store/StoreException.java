package io.cfychatops.store;

/** The store failed: the database is unreachable, a statement is wrong, a migration failed. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
