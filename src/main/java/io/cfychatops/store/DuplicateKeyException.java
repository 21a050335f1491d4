package io.cfychatops.store;

/**
 * An insert or update hit a primary-key or unique constraint (SQLState {@code 23505} on both
 * engines; HSQLDB error code {@code -104}). Callers that use a unique key as a "happens once" guard
 * catch this one exception and report "someone else got there first".
 */
public class DuplicateKeyException extends StoreException {
  public DuplicateKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
