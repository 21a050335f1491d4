package io.cfychatops.ops;

import io.cfychatops.archive.ArchivePreview;
import io.cfychatops.archive.ArchiveRefusedException;
import io.cfychatops.archive.ArchiveStore;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simplest {@link PreviewSource}: the newest copy of the snapshot already in the archive store,
 * read with {@link ArchivePreview#read(java.nio.file.Path)}; empty when none is stored (it never
 * downloads). The engine's default until a fuller source (one that fetches the archive) is
 * connected with {@link OperationEngine#previews}.
 */
public final class StoredArchivePreviews implements PreviewSource {
  private static final Logger log = LoggerFactory.getLogger(StoredArchivePreviews.class);

  private final ArchiveStore store;

  public StoredArchivePreviews(ArchiveStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public Optional<ArchivePreview> preview(String manager, String snapshotId)
      throws ArchiveRefusedException {
    var stored = store.find(manager, snapshotId);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ArchivePreview.read(stored.get().archive()));
    } catch (IOException e) {
      log.warn("[{}] stored archive of {} unreadable: {}", manager, snapshotId, e.toString());
      return Optional.empty();
    }
  }
}
