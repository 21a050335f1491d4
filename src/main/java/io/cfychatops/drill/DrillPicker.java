package io.cfychatops.drill;

import io.cfychatops.backup.BackupCatalog;
import io.cfychatops.backup.CatalogEntry;
import io.cfychatops.config.DrillConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Chooses the copy a drill restores: a verified copy of the manager's backups still in the archive
 * store (catalogued, with its SHA-256), the newest one or, with {@code random_within}, one of those
 * made in the window at random.
 */
final class DrillPicker {
  private DrillPicker() {}

  /** A copy a drill can restore. */
  record Pick(CatalogEntry entry, Path archive) {}

  static Optional<Pick> pick(
      BackupCatalog catalog,
      String manager,
      DrillConfig drill,
      Path archiveRoot,
      Instant now,
      RandomGenerator random) {
    List<CatalogEntry> usable =
        catalog.list(manager).stream()
            .filter(
                e ->
                    e.verified()
                        && e.inStore()
                        && e.deletedAt() == null
                        && e.archivePath() != null
                        && e.sha256() != null)
            .sorted(Comparator.comparing(CatalogEntry::createdAt).reversed())
            .toList();
    if (drill.pick() == DrillConfig.Pick.RANDOM_WITHIN) {
      Instant from = now.minus(drill.window());
      usable = usable.stream().filter(e -> !e.createdAt().isBefore(from)).toList();
      if (usable.isEmpty()) {
        return Optional.empty();
      }
      CatalogEntry e = usable.get(random.nextInt(usable.size()));
      return Optional.of(new Pick(e, resolve(archiveRoot, e)));
    }
    return usable.stream().findFirst().map(e -> new Pick(e, resolve(archiveRoot, e)));
  }

  private static Path resolve(Path root, CatalogEntry e) {
    Path p = Path.of(java.util.Objects.requireNonNull(e.archivePath()));
    return p.isAbsolute() ? p : root.resolve(p).toAbsolutePath();
  }
}
