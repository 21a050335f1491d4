package io.cfychatops.ops;

import io.cfychatops.archive.ArchiveStore;

/**
 * Fetches a snapshot's archive from outside the bot's host (the off-site store) into an {@link
 * ArchiveStore}, the one archive writer: hash checked, no partial file left on failure. Implemented
 * by {@code backup.OffsiteCopies#fetch}.
 */
@FunctionalInterface
public interface ArchiveFetcher {
  /**
   * @throws RuntimeException with a message fit for chat when there is no such copy or it is
   *     damaged
   */
  ArchiveStore.Saved fetch(ArchiveStore into, String manager, String snapshotId);
}
