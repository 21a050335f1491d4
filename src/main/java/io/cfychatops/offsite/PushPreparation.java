package io.cfychatops.offsite;

import static io.cfychatops.offsite.BucketOffsiteStore.META_CREATED_AT;
import static io.cfychatops.offsite.BucketOffsiteStore.META_MANAGER;
import static io.cfychatops.offsite.BucketOffsiteStore.META_MANAGER_VERSION;
import static io.cfychatops.offsite.BucketOffsiteStore.META_SHA256;
import static io.cfychatops.offsite.BucketOffsiteStore.META_SIZE;
import static io.cfychatops.offsite.BucketOffsiteStore.META_SNAPSHOT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lock date, local size check and object metadata for {@link BucketOffsiteStore#push}. */
final class PushPreparation {
  private PushPreparation() {}

  static Instant retainUntil(LockPolicy lock, Instant asked, Instant now) {
    if (lock == null) {
      if (asked != null) {
        throw new OffsiteException(
            OffsiteProblem.LOCK_NOT_CONFIGURED,
            "a lock until "
                + asked
                + " was asked for, but backups.offsite.object_lock is not configured");
      }
      return null;
    }
    Instant until =
        (asked == null ? lock.defaultUntil(now) : asked).truncatedTo(ChronoUnit.SECONDS);
    if (!until.isAfter(now)) {
      throw new IllegalArgumentException(
          "lock date " + asked + " is not in the future (now " + now + ")");
    }
    return until;
  }

  static long localSize(Path archive, ArchiveFacts facts) {
    long size;
    try {
      size = Files.size(archive);
    } catch (NoSuchFileException e) {
      throw new OffsiteException(
          OffsiteProblem.LOCAL_FILE, "local archive " + archive + " does not exist");
    } catch (IOException e) {
      throw new OffsiteException(
          OffsiteProblem.LOCAL_FILE,
          "cannot read local archive " + archive + ": " + e.getMessage(),
          e);
    }
    if (size != facts.size()) {
      throw new OffsiteException(
          OffsiteProblem.LOCAL_FILE,
          "local archive "
              + archive
              + " is "
              + size
              + " bytes but its record says "
              + facts.size()
              + ": it changed after it was verified; nothing uploaded");
    }
    return size;
  }

  static Map<String, String> metadata(String manager, String snapshotId, ArchiveFacts facts) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(META_SHA256, facts.sha256());
    m.put(META_SIZE, Long.toString(facts.size()));
    m.put(META_CREATED_AT, facts.createdAt().toString());
    if (facts.managerVersion() != null) {
      m.put(META_MANAGER_VERSION, facts.managerVersion());
    }
    m.put(META_MANAGER, manager);
    m.put(META_SNAPSHOT, snapshotId);
    return m;
  }

  /** Our facts from object metadata; null when the object carries none or they are malformed. */
  static ArchiveFacts factsOf(Map<String, String> metadata) {
    try {
      String sha = metadata.get(META_SHA256);
      String size = metadata.get(META_SIZE);
      String created = metadata.get(META_CREATED_AT);
      if (sha == null || size == null || created == null) {
        return null;
      }
      return new ArchiveFacts(
          sha, Long.parseLong(size), metadata.get(META_MANAGER_VERSION), Instant.parse(created));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return null;
    }
  }
}
