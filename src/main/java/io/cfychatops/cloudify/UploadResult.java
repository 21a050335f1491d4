package io.cfychatops.cloudify;

import java.util.Optional;

/**
 * Outcome of an archive upload. When a snapshot with the id already existed, the manager overwrites
 * its archive, leaves the row unchanged and answers 201 with every field null: then {@link
 * #overwroteExisting()} is true and there is no snapshot.
 */
public record UploadResult(boolean overwroteExisting, Snapshot snapshot) {

  public static UploadResult created(Snapshot snapshot) {
    return new UploadResult(false, java.util.Objects.requireNonNull(snapshot));
  }

  public static UploadResult overwrote() {
    return new UploadResult(true, null);
  }

  public Optional<Snapshot> createdSnapshot() {
    return Optional.ofNullable(snapshot);
  }
}
