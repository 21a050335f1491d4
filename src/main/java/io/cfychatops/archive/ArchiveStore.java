package io.cfychatops.archive;

import io.cfychatops.backup.BackupCatalog;
import io.cfychatops.backup.BackupException;
import io.cfychatops.backup.CatalogEntry;
import io.cfychatops.backup.PrivateFiles;
import io.cfychatops.cloudify.ManagerName;
import io.cfychatops.cloudify.SnapshotId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Off-manager copies of snapshot archives on a filesystem, and the only writer of them: nightly
 * copies and chat downloads alike go through {@link #save} (or {@link #saveFile}).
 *
 * <p>Layout: {@code <root>/<manager>/<snapshot>.zip} and a sidecar {@code <snapshot>.json} holding
 * SHA-256, size, created_at, stored_at and the manager version ({@link SidecarCodec}). A copy is
 * streamed into a temporary file in {@code <root>/.tmp/} (SHA-256 computed on the way by the
 * source), forced to disk and published under a name that must not exist yet (a hard link, so an
 * existing copy is never replaced, see {@link StoreFiles}); then the sidecar; then the copy is
 * {@link ArchiveVerifier verified} and its {@link CatalogEntry} written. A crash leaves files only
 * in {@code .tmp/}, which {@link #prepare} cleans. No manager name or snapshot id can be {@code
 * .tmp} (they start with a letter), so the cleaning never touches a stored copy. Archives hold
 * credentials: files are {@code 0600}, folders {@code 0700} ({@link PrivateFiles}).
 *
 * <p><b>Versions.</b> A stored copy is never replaced. Bytes with the SHA-256 of a copy already
 * stored under the same id add nothing ({@link Outcome#ALREADY_STORED}); other bytes become the
 * next version, {@code <snapshot>~2.zip} with {@code <snapshot>~2.json} and so on ({@link
 * Outcome#NEW_VERSION}; {@code ~} is not allowed in snapshot ids, so these names never collide with
 * another snapshot); past {@link #MAX_VERSIONS} the copy is refused.
 *
 * <p>Thread-safe; two writers of the same snapshot at once each get their own version. Archives
 * stream through a fixed buffer, so memory use does not depend on archive size.
 */
public final class ArchiveStore {
  private static final Logger log = LoggerFactory.getLogger(ArchiveStore.class);

  /**
   * {@link #prepare} deletes temporary files older than this: with several replicas on one shared
   * archive root, a younger file may be another replica's download in progress.
   */
  public static final Duration LEFTOVER_AGE = Duration.ofHours(1);

  /** Versions of one snapshot id the store keeps before it refuses another differing copy. */
  public static final int MAX_VERSIONS = 99;

  private final Path root;
  private final Clock clock;
  private final ArchiveVerifier verifier;
  private final @Nullable BackupCatalog catalog;

  public ArchiveStore(Path root) {
    this(root, Clock.systemUTC());
  }

  /**
   * A store that verifies with the default limits and records in no catalog; {@code clock} stamps
   * copies and decides which temporary files are old enough to delete.
   */
  public ArchiveStore(Path root, Clock clock) {
    this(root, clock, new ArchiveVerifier(), null);
  }

  /** A store that verifies with {@code verifier} and records every copy in {@code catalog}. */
  public ArchiveStore(
      Path root, Clock clock, ArchiveVerifier verifier, @Nullable BackupCatalog catalog) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.catalog = catalog;
  }

  /**
   * The same files, stamped by {@code clock}, verified with {@code v} and recorded in {@code c}.
   */
  public ArchiveStore with(Clock clock, ArchiveVerifier v, BackupCatalog c) {
    return new ArchiveStore(root, clock, v, Objects.requireNonNull(c, "catalog"));
  }

  /** What {@link #prepare} did. */
  public record Prepared(int leftoversRemoved, int narrowed) {}

  /** Produces the archive bytes into a stream the store owns (do not close it). */
  @FunctionalInterface
  public interface ArchiveSource {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Like {@link ArchiveSource}, but hashes what it writes and returns the lowercase hex SHA-256
   * (the Cloudify client does so while streaming), which saves the store a second hashing pass. The
   * {@link ArchiveVerifier} re-reads the file and compares, so a wrong value cannot pass.
   */
  @FunctionalInterface
  public interface HashingArchiveSource {
    String writeTo(OutputStream out) throws IOException;
  }

  /** Streams the archive into {@code out} (do not close it); says what it wrote. */
  @FunctionalInterface
  public interface StreamSource {
    Written writeTo(OutputStream out) throws IOException;
  }

  /** Fills {@code file} (empty, {@code 0600}, in the store's {@code .tmp/}); says what it wrote. */
  @FunctionalInterface
  public interface FileSource {
    Written writeTo(Path file) throws IOException;
  }

  /** What a source wrote: its byte count and the lowercase hex SHA-256 it computed on the way. */
  public record Written(long bytes, String sha256) {}

  /** A copy to keep: which snapshot, its facts from the manager, and who makes it. */
  public record Copy(
      String manager,
      String snapshotId,
      Instant createdAt,
      @Nullable String managerVersion,
      CatalogEntry.Origin origin) {
    public Copy {
      ManagerName.require(manager);
      SnapshotId.require(snapshotId);
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(origin, "origin");
    }
  }

  /** What {@link #save} did with a copy. */
  public enum Outcome {
    /** The first copy of this snapshot id. */
    STORED,
    /** Other bytes than the copies already stored under this id: kept beside them. */
    NEW_VERSION,
    /** The same bytes (SHA-256) as a copy already stored: nothing written. */
    ALREADY_STORED
  }

  /**
   * The result of {@link #save}: the copy (for {@link Outcome#ALREADY_STORED}, the one already
   * there), its verification, its catalog entry (null when the store has no catalog) and the other
   * versions stored under the same id, untouched.
   */
  public record Saved(
      Outcome outcome,
      StoredArchive archive,
      ArchiveVerifier.Verification verification,
      @Nullable CatalogEntry entry,
      List<StoredArchive> others) {
    public Saved {
      others = List.copyOf(others);
    }
  }

  /** The catalog refused the entry of a copy that is stored (and stays stored). */
  public static final class CatalogFailure extends BackupException {
    private final transient StoredArchive archive;

    CatalogFailure(StoredArchive archive, RuntimeException cause) {
      super("the copy is stored but the catalog refused its entry: " + cause.getMessage(), cause);
      this.archive = archive;
    }

    public StoredArchive archive() {
      return archive;
    }
  }

  public Path root() {
    return root;
  }

  /**
   * Keeps a copy streamed by {@code source}: temporary file, publish without replacing anything,
   * sidecar, verification, catalog entry.
   *
   * @throws BackupException when writing fails (no partial file is left behind), the source's byte
   *     count or checksum is wrong, or {@link #MAX_VERSIONS} are stored; {@link CatalogFailure}
   *     when only the catalog entry failed
   */
  public Saved save(Copy copy, StreamSource source) {
    Objects.requireNonNull(source, "source");
    return saveFile(copy, tmp -> StoreFiles.stream(tmp, source::writeTo, false));
  }

  /** Like {@link #save(Copy, StreamSource)} for a source that writes a file itself. */
  public Saved saveFile(Copy copy, FileSource source) {
    Objects.requireNonNull(copy, "copy");
    Objects.requireNonNull(source, "source");
    Stored s =
        store(
            copy.manager(),
            copy.snapshotId(),
            copy.createdAt(),
            copy.managerVersion(),
            clock.instant(),
            source);
    ArchiveVerifier.Verification v = verifier.verify(s.archive);
    CatalogEntry entry = null;
    if (catalog != null) {
      try {
        entry = s.outcome == Outcome.ALREADY_STORED ? existingEntry(s.archive) : null;
        if (entry == null) {
          entry =
              v.ok()
                  ? CatalogEntry.verified(s.archive, copy.origin(), clock.instant())
                  : CatalogEntry.unverified(s.archive, copy.origin());
          catalog.upsert(entry);
        }
      } catch (RuntimeException e) {
        throw new CatalogFailure(s.archive, e);
      }
    }
    return new Saved(s.outcome, s.archive, v, entry, s.others);
  }

  private @Nullable CatalogEntry existingEntry(StoredArchive a) {
    return Objects.requireNonNull(catalog).list(a.manager()).stream()
        .filter(e -> e.snapshotId().equals(a.snapshotId()) && e.version() == a.version())
        .findFirst()
        .orElse(null);
  }

  /**
   * Streams {@code source} into the store and writes the sidecar, without verification or catalog
   * entry (the caller does those). Never replaces a stored copy: see the class comment.
   *
   * @throws BackupException when writing fails; no partial file is left behind
   */
  public StoredArchive write(
      String manager,
      String snapshotId,
      Instant createdAt,
      String managerVersion,
      Instant storedAt,
      ArchiveSource source) {
    Objects.requireNonNull(source, "source");
    return store(
            manager,
            snapshotId,
            createdAt,
            managerVersion,
            storedAt,
            tmp ->
                StoreFiles.stream(
                    tmp,
                    out -> {
                      source.writeTo(out);
                      return null;
                    },
                    true))
        .archive;
  }

  /**
   * Like {@link #write}; the source's returned SHA-256 goes into the sidecar unchanged.
   *
   * @throws BackupException when writing fails or the source returns no checksum
   */
  public StoredArchive writeHashed(
      String manager,
      String snapshotId,
      Instant createdAt,
      String managerVersion,
      Instant storedAt,
      HashingArchiveSource source) {
    Objects.requireNonNull(source, "source");
    return store(
            manager,
            snapshotId,
            createdAt,
            managerVersion,
            storedAt,
            tmp -> StoreFiles.stream(tmp, out -> new Written(-1, source.writeTo(out)), false))
        .archive;
  }

  private record Stored(Outcome outcome, StoredArchive archive, List<StoredArchive> others) {}

  private Stored store(
      String manager,
      String snapshotId,
      Instant createdAt,
      @Nullable String managerVersion,
      Instant storedAt,
      FileSource source) {
    ManagerName.require(manager);
    SnapshotId.require(snapshotId);
    Path dir = root.resolve(manager);
    Path tmp = null;
    try {
      PrivateFiles.directory(root);
      PrivateFiles.directory(dir);
      tmp = PrivateFiles.newTempFile(root, snapshotId + ".zip");
      StoreFiles.Filled f = StoreFiles.fill(tmp, source);
      List<StoredArchive> others = versions(manager, snapshotId);
      for (StoredArchive o : others) {
        if (o.sha256().equals(f.sha256())
            && o.sizeBytes() == f.bytes()
            && Files.isRegularFile(o.archive())) {
          log.info(
              "{} on {}: the same bytes are stored already as {}",
              snapshotId,
              manager,
              o.archive().getFileName());
          return new Stored(
              Outcome.ALREADY_STORED,
              o,
              others.stream().filter(x -> x.version() != o.version()).toList());
        }
      }
      int next = others.stream().mapToInt(StoredArchive::version).max().orElse(0) + 1;
      StoreFiles.Published p = StoreFiles.publishNew(tmp, dir, snapshotId, next, MAX_VERSIONS);
      StoredArchive archive =
          new StoredArchive(
              manager,
              snapshotId,
              p.version(),
              p.file(),
              dir.resolve(baseName(snapshotId, p.version()) + ".json"),
              f.bytes(),
              f.sha256(),
              createdAt,
              storedAt,
              managerVersion == null ? "unknown" : managerVersion);
      StoreFiles.writeSidecar(root, archive);
      if (archive.version() > 1) {
        log.warn(
            "{} on {}: other bytes than the stored copy; kept as version {} ({})",
            snapshotId,
            manager,
            archive.version(),
            archive.archive().getFileName());
      }
      return new Stored(
          archive.version() == 1 ? Outcome.STORED : Outcome.NEW_VERSION, archive, others);
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new BackupException("Could not store " + snapshotId + " under " + dir + ": " + why, e);
    } finally {
      if (tmp != null) {
        StoreFiles.deleteQuietly(tmp);
      }
    }
  }

  /** {@code <snapshot>} for version 1, {@code <snapshot>~N} for version N. */
  static String baseName(String snapshotId, int version) {
    return version == 1 ? snapshotId : snapshotId + "~" + version;
  }

  /** The newest stored version of a snapshot, read from its sidecar. */
  public Optional<StoredArchive> find(String manager, String snapshotId) {
    List<StoredArchive> all = versions(manager, snapshotId);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Every stored version of a snapshot, oldest version first; unreadable sidecars fail. */
  public List<StoredArchive> versions(String manager, String snapshotId) {
    return StoreListing.versions(root, manager, snapshotId);
  }

  /** Every stored copy (every version) for {@code manager}, newest {@code created_at} first. */
  public List<StoredArchive> list(String manager) {
    return StoreListing.list(root, manager);
  }

  /**
   * Deletes every stored version of a snapshot: sidecars first (so a copy stops being listed), then
   * archives. Returns false when there was nothing to delete.
   */
  public boolean delete(String manager, String snapshotId) {
    return StoreListing.delete(root, manager, snapshotId);
  }

  /**
   * Call at start-up: creates the root ({@code 0700}), narrows folders and files that older
   * versions wrote world-readable to {@code 0700}/{@code 0600}, and {@link #removeLeftovers removes
   * leftovers}.
   */
  public Prepared prepare() {
    return StoreHousekeeping.prepare(root, clock);
  }

  /**
   * Deletes what a crash left in {@code <root>/.tmp/} (unfinished archives, sidecars and chat
   * downloads) when older than {@link #LEFTOVER_AGE}, logging each deletion; returns how many.
   * Nothing outside {@code .tmp/} is ever deleted here.
   */
  public int removeLeftovers() {
    return StoreHousekeeping.removeLeftovers(root, clock);
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
    }
  }
}
