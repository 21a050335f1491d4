package io.cfychatops.archive;

import java.util.stream.Collectors;

/** What the chat is told about a copy the {@link ArchiveStore} kept (or found already kept). */
public final class ArchiveReplies {
  private ArchiveReplies() {}

  /**
   * One line: where the bytes are, their SHA-256, the verification, and — when the id already had a
   * copy — whether this is a new version (the others untouched) or the same bytes already stored.
   */
  public static String saved(ArchiveStore.Saved s) {
    StoredArchive a = s.archive();
    String verified = s.verification().summary();
    return switch (s.outcome()) {
      case STORED ->
          a.sizeBytes() + " bytes → " + a.archive() + " (sha256 " + a.sha256() + "); " + verified;
      case NEW_VERSION ->
          a.sizeBytes()
              + " bytes → "
              + a.archive()
              + " (sha256 "
              + a.sha256()
              + "); "
              + verified
              + ". Other bytes than the copy already stored under `"
              + a.snapshotId()
              + "`: kept as version "
              + a.version()
              + "; "
              + others(s)
              + " untouched";
      case ALREADY_STORED ->
          "already stored: "
              + a.archive()
              + " holds the same bytes (sha256 "
              + a.sha256()
              + "); nothing written; "
              + verified;
    };
  }

  private static String others(ArchiveStore.Saved s) {
    return s.others().stream()
        .map(
            o ->
                "version "
                    + o.version()
                    + " ("
                    + o.archive().getFileName()
                    + ", sha256 "
                    + o.shaPrefix()
                    + "…)")
        .collect(Collectors.joining(", "));
  }
}
