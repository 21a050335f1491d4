package io.cfychatops.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a Cloudify restore of an archive would do, read from the archive alone: its format, the
 * snapshot's version, and per tenant the entities it restores, counted after the restore's own
 * de-duplication (the 7.x dump writes entities changed during the dump twice; the restore keeps
 * one).
 *
 * <p>{@link #read(Path, ArchiveLimits)} streams the archive: bounded memory (one item's key fields
 * at a time, plus a 64-bit fingerprint per distinct entity), nothing extracted, every zip-bomb and
 * JSON limit enforced. Secrets are counted, never read: a secret's value is skipped by the parser.
 * {@link #toString()} shows only counts, blueprint and deployment ids, tenant names and versions.
 *
 * @param format how Cloudify will read it
 * @param snapshotVersion {@code metadata.json}'s {@code snapshot_version} (plain characters only),
 *     or {@code null}
 * @param executionId the create execution ({@code execution_id}), or {@code null}
 * @param snapshotCreatedAt when that execution was created (the snapshot's time), if the archive
 *     holds it
 * @param management distinct tenants, permissions, user groups and users
 * @param tenantsToCreate tenants the restore creates ({@code default_tenant} is skipped)
 * @param usersToCreate users the restore creates ({@code admin} is skipped)
 * @param tenants the tenants the restore restores (those with a {@code tenants/<t>/} directory
 *     entry), by name
 * @param findings what changes the outcome (some make the restore fail: {@link #failsRestore()})
 * @param stats sizes and item counts
 */
public record ArchivePreview(
    ArchiveFormat format,
    String snapshotVersion,
    String executionId,
    Instant snapshotCreatedAt,
    Map<EntityKind, Long> management,
    long tenantsToCreate,
    long usersToCreate,
    List<TenantContents> tenants,
    List<Finding> findings,
    Stats stats) {

  /**
   * @param entries zip entries
   * @param fileBytes archive size
   * @param jsonBytes inflated bytes of {@code metadata.json} and the dump files read
   * @param items items in the dump files read, duplicates included
   * @param entities distinct entities: what the restore restores
   */
  public record Stats(long entries, long fileBytes, long jsonBytes, long items, long entities) {
    /** Items the restore's de-duplication drops. */
    public long duplicates() {
      return items - entities;
    }
  }

  /** A schedule and what a restore at a given time does to it. */
  public record ScheduleAtRestore(
      ScheduleInfo schedule, OptionalLong skippedOccurrences, Optional<Boolean> expired) {}

  public ArchivePreview {
    Objects.requireNonNull(format, "format");
    Map<EntityKind, Long> m = new EnumMap<>(EntityKind.class);
    m.putAll(management);
    management = Collections.unmodifiableMap(m);
    tenants = List.copyOf(tenants);
    findings = List.copyOf(findings);
    Objects.requireNonNull(stats, "stats");
  }

  /**
   * Reads {@code zip}. Throws {@link ArchiveRefusedException} when a limit would be passed or it is
   * not a zip (nothing partial is returned), {@link IOException} when the file cannot be read.
   */
  public static ArchivePreview read(Path zip, ArchiveLimits limits)
      throws IOException, ArchiveRefusedException {
    return new PreviewReader(
            Objects.requireNonNull(zip, "zip"), Objects.requireNonNull(limits, "limits"))
        .read();
  }

  /** {@link #read(Path, ArchiveLimits)} with {@link ArchiveLimits#DEFAULT}. */
  public static ArchivePreview read(Path zip) throws IOException, ArchiveRefusedException {
    return read(zip, ArchiveLimits.DEFAULT);
  }

  /** The snapshot's version as Cloudify parses it. */
  public Optional<ManagerVersion> version() {
    return ManagerVersion.parse(snapshotVersion);
  }

  /**
   * Whether the snapshot is newer than {@code managerVersion} (which Cloudify 7.x never checks).
   */
  public boolean newerThan(String managerVersion) {
    Optional<ManagerVersion> mine = version();
    Optional<ManagerVersion> theirs = ManagerVersion.parse(managerVersion);
    return mine.isPresent() && theirs.isPresent() && mine.get().newerThan(theirs.get());
  }

  /** Whether something in the archive makes Cloudify's restore fail. */
  public boolean failsRestore() {
    return findings.stream().anyMatch(f -> f.kind().failsRestore());
  }

  public Optional<TenantContents> tenant(String name) {
    return tenants.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** Distinct entities of {@code kind} over all tenants (or of the management scope). */
  public long total(EntityKind kind) {
    return kind.management()
        ? management.getOrDefault(kind, 0L)
        : tenants.stream().mapToLong(t -> t.count(kind)).sum();
  }

  /**
   * Every schedule with the occurrences a restore at {@code restoreAt} skips (those after the
   * snapshot's time) and whether it has any occurrence left; both empty when the snapshot's time or
   * the rule is unknown.
   */
  public List<ScheduleAtRestore> schedulesAt(Instant restoreAt) {
    List<ScheduleAtRestore> out = new ArrayList<>();
    for (TenantContents t : tenants) {
      for (ScheduleInfo s : t.schedules()) {
        out.add(
            new ScheduleAtRestore(
                s,
                snapshotCreatedAt == null
                    ? OptionalLong.empty()
                    : s.occurrencesBetween(snapshotCreatedAt, restoreAt),
                s.expiredAt(restoreAt)));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "ArchivePreview["
        + format
        + ", version "
        + snapshotVersion
        + ", management "
        + management
        + ", tenants to create "
        + tenantsToCreate
        + ", users to create "
        + usersToCreate
        + ", "
        + tenants
        + ", findings "
        + findings
        + ", "
        + stats
        + "]";
  }
}
