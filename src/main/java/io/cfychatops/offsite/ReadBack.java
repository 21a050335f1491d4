package io.cfychatops.offsite;

import io.cfychatops.text.Truncate;

/** What a read-back saw; {@code failure} set when it could not read to the end. */
record ReadBack(long size, String sha256, String metadataSha256, String failure) {
  boolean matches(ArchiveFacts facts) {
    return failure == null
        && size == facts.size()
        && facts.sha256().equals(sha256)
        && facts.sha256().equals(metadataSha256);
  }

  /** True when the object is known to be wrong (not merely unreadable just now). */
  boolean proven() {
    return failure == null;
  }

  String mismatch(ArchiveFacts facts) {
    if (failure != null) {
      return "read-back failed, copy left unverified: " + failure;
    }
    if (size != facts.size() || !facts.sha256().equals(sha256)) {
      return "read-back differs: "
          + size
          + " bytes, SHA-256 "
          + Truncate.shaPrefix(sha256)
          + "… where ours is "
          + facts.size()
          + " bytes, SHA-256 "
          + facts.shaPrefix()
          + "…";
    }
    return "the store did not keep our SHA-256 in the object metadata (got `"
        + metadataSha256
        + "`)";
  }
}
