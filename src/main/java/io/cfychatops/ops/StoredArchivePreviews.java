package io.cfychatops.ops;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cfychatops.archive.ArchiveLimits;
import io.cfychatops.archive.ArchivePreview;
import io.cfychatops.archive.ArchiveRefusedException;
import io.cfychatops.archive.ArchiveStore;
import io.cfychatops.archive.StoredArchive;
import io.cfychatops.archive.TenantContents;
import io.cfychatops.backup.BackupException;
import io.cfychatops.backup.CatalogEntry;
import io.cfychatops.ops.ManagerPort.ManagerCallException;
import io.cfychatops.ops.ManagerPort.SnapshotInfo;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PreviewSource} of the bot: the archive of a snapshot as the archive store holds it,
 * read by {@link ArchivePreview} (streamed, bounded, never extracted) and cached by SHA-256.
 *
 * <p>Which copy: the stored version whose {@code created_at} is the manager's {@code created_at} of
 * the snapshot now (a snapshot deleted and created again under the same id is another archive);
 * when none matches and the snapshot can be downloaded, it is downloaded through the one archive
 * writer ({@link ArchiveStore#saveFile}: temp file, SHA-256, fsync, no-clobber publish, verified,
 * catalogued as a chat download) first. A snapshot no longer on the manager is previewed from its
 * newest stored copy. Manager failures while looking are "not available", with the reason.
 *
 * <p>The cache holds at most {@link #CACHE_WEIGHT} listed ids and schedules over all previews
 * (Caffeine, weighed by what a preview lists), so its memory is bounded whatever the archives hold.
 * Thread-safe.
 */
public final class StoredArchivePreviews implements PreviewSource {
  private static final Logger log = LoggerFactory.getLogger(StoredArchivePreviews.class);

  /** Total weight of cached previews: one per preview plus one per listed id or schedule. */
  static final long CACHE_WEIGHT = 200_000;

  /** Where a preview came from, or why there is none. */
  public sealed interface Lookup {}

  /**
   * A preview of {@code archive}; {@code downloaded}: fetched from the manager for it just now;
   * {@code onManager}: the snapshot is still listed by the manager.
   */
  public record Found(
      ArchivePreview preview, StoredArchive archive, boolean downloaded, boolean onManager)
      implements Lookup {}

  /** No archive to read: {@code reason} says why, for people (no archive content in it). */
  public record Missing(String reason) implements Lookup {}

  /** The archive was refused (zip bomb, malformed): {@code reason} says which limit. */
  public record Refused(String reason, StoredArchive archive) implements Lookup {}

  private final ManagerPort port;
  private final ArchiveStore store;
  private final ArchiveLimits limits;
  private final Clock clock;
  private final Cache<String, ArchivePreview> bySha =
      Caffeine.newBuilder()
          .maximumWeight(CACHE_WEIGHT)
          .weigher((String k, ArchivePreview p) -> weight(p))
          .build();

  /** {@code clock} stamps copies of snapshots the manager gives no {@code created_at} for. */
  public StoredArchivePreviews(
      ManagerPort port, ArchiveStore store, ArchiveLimits limits, Clock clock) {
    this.port = Objects.requireNonNull(port, "port");
    this.store = Objects.requireNonNull(store, "store");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<ArchivePreview> preview(String manager, String snapshotId)
      throws ArchiveRefusedException {
    Lookup l = lookup(manager, snapshotId, true);
    if (l instanceof Refused r) {
      throw new ArchiveRefusedException(ArchiveRefusedException.Reason.NOT_A_ZIP, r.reason());
    }
    return l instanceof Found f ? Optional.of(f.preview()) : Optional.empty();
  }

  /**
   * The preview of {@code snapshotId} on {@code manager} and where it came from; {@code download}:
   * fetch the archive into the store when no matching copy is there (else {@link Missing}).
   */
  /** The longest snapshot id whose archive file name ({@code <id>~NN.zip}) fits 255 bytes. */
  static final int STORABLE_ID = 248;

  public Lookup lookup(String manager, String snapshotId, boolean download) {
    Optional<SnapshotInfo> onManager;
    try {
      onManager = port.getSnapshot(manager, snapshotId);
    } catch (ManagerCallException e) {
      return newestStored(manager, snapshotId, false)
          .orElseGet(() -> new Missing("the manager did not answer: " + e.getMessage()));
    }
    if (onManager.isEmpty()) {
      return newestStored(manager, snapshotId, false)
          .orElseGet(
              () ->
                  new Missing(
                      "there is no snapshot `" + snapshotId + "` on " + manager + " or in store"));
    }
    SnapshotInfo s = onManager.get();
    Instant created = createdAt(s);
    List<StoredArchive> stored = store.versions(manager, snapshotId);
    for (int i = stored.size() - 1; i >= 0; i--) {
      StoredArchive a = stored.get(i);
      if (created == null || a.createdAt().equals(created)) {
        return read(a, false, true);
      }
    }
    if (!s.status().isRestorable()) {
      return new Missing(
          "snapshot `" + snapshotId + "` is " + s.status().wireValue() + ": it has no archive");
    }
    if (!download) {
      return new Missing("the archive of `" + snapshotId + "` is not in the archive store yet");
    }
    if (snapshotId.length() > STORABLE_ID) { // <id>~NN.zip must fit a 255-byte file name
      return new Missing(
          "ids over " + STORABLE_ID + " characters cannot be file names in the archive store");
    }
    try {
      ArchiveStore.Saved saved =
          store.saveFile(
              new ArchiveStore.Copy(
                  manager,
                  snapshotId,
                  created == null ? clock.instant() : created,
                  null,
                  CatalogEntry.Origin.CHAT_DOWNLOAD),
              tmp -> {
                ManagerPort.ArchiveInfo a = port.downloadSnapshot(manager, snapshotId, tmp);
                return new ArchiveStore.Written(a.bytes(), a.sha256());
              });
      log.info(
          "Stored {} of {} for its preview ({}, {} bytes)",
          snapshotId,
          manager,
          saved.outcome(),
          saved.archive().sizeBytes());
      return read(saved.archive(), saved.outcome() != ArchiveStore.Outcome.ALREADY_STORED, true);
    } catch (ArchiveStore.CatalogFailure e) {
      return read(e.archive(), true, true);
    } catch (ManagerCallException e) {
      return new Missing("the archive could not be downloaded: " + e.getMessage());
    } catch (BackupException e) { // its message names paths on the bot's host: the log only
      log.warn(
          "Archive {} of {} not stored for its preview: {}", snapshotId, manager, e.toString());
      return new Missing(
          "the archive could not be stored in the archive store (see the bot's log)");
    }
  }

  private Optional<Lookup> newestStored(String manager, String snapshotId, boolean onManager) {
    return store.find(manager, snapshotId).map(a -> read(a, false, onManager));
  }

  private Lookup read(StoredArchive a, boolean downloaded, boolean onManager) {
    ArchivePreview cached = bySha.getIfPresent(a.sha256());
    if (cached != null) {
      return new Found(cached, a, downloaded, onManager);
    }
    try {
      ArchivePreview p = ArchivePreview.read(a.archive(), limits);
      bySha.put(a.sha256(), p);
      return new Found(p, a, downloaded, onManager);
    } catch (ArchiveRefusedException e) {
      log.warn("Archive {} of {} refused: {}", a.snapshotId(), a.manager(), e.getMessage());
      return new Refused(e.getMessage(), a);
    } catch (IOException e) {
      return new Missing("the stored archive could not be read: " + e.getMessage());
    }
  }

  private static @Nullable Instant createdAt(SnapshotInfo s) {
    try {
      return s.createdInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static int weight(ArchivePreview p) {
    long w = 1;
    for (TenantContents t : p.tenants()) {
      w += t.blueprintIds().size() + t.deploymentIds().size() + t.schedules().size() + 1;
    }
    return (int) Math.min(Integer.MAX_VALUE, w);
  }
}
