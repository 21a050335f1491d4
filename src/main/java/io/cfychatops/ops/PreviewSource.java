package io.cfychatops.ops;

import io.cfychatops.archive.ArchivePreview;
import io.cfychatops.archive.ArchiveRefusedException;
import java.util.Optional;

/**
 * What a snapshot's archive holds ({@link ArchivePreview}), read from the archive store: the
 * restore card's preview, the receipt's expectation and a drill's reference all come from here.
 * Implementations fetch the archive through the one archive writer when it is not stored yet and
 * may cache by content hash.
 */
public interface PreviewSource {

  /**
   * The preview of {@code snapshotId} on {@code manager}; empty when the archive cannot be had (not
   * on the manager, not stored, download failed). Never throws for a missing archive.
   *
   * @throws ArchiveRefusedException when the archive is refused (zip bomb, malformed): a reason for
   *     people
   */
  Optional<ArchivePreview> preview(String manager, String snapshotId)
      throws ArchiveRefusedException;
}
