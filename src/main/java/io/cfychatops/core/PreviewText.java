package io.cfychatops.core;

import io.cfychatops.archive.ArchiveFormat;
import io.cfychatops.archive.ArchivePreview;
import io.cfychatops.archive.EntityKind;
import io.cfychatops.archive.Finding;
import io.cfychatops.archive.StoredArchive;
import io.cfychatops.archive.TenantContents;
import io.cfychatops.ops.ManagerPort.ContentCounts;
import io.cfychatops.text.Durations;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A restore preview in words, for the {@code snapshots inspect} reply and the restore approval
 * card. Only what may leave the archive does: counts, blueprint and deployment ids, tenant names,
 * versions, and the stored copy's size and SHA-256 prefix.
 */
final class PreviewText {
  /** Tenants described on a card (the rest are counted; {@code inspect} shows more). */
  static final int CARD_TENANTS = 5;

  /** Ids listed per tenant on a card. */
  static final int CARD_IDS = 10;

  /** Ids shown as they are: what the archive reader lists too; anything else is not shown. */
  private static final java.util.regex.Pattern PLAIN_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,256}");

  private PreviewText() {}

  /** The rows of a preview; {@code tenants} and {@code ids} cap what is listed. */
  static List<String> rows(RestorePreviews.View v, int tenants, int ids) {
    ArchivePreview p = v.preview();
    List<String> out = new ArrayList<>();
    out.add(head(v));
    out.add(
        "Restores "
            + p.tenants().size()
            + " tenant(s) ("
            + p.tenantsToCreate()
            + " to create, default_tenant kept), "
            + p.usersToCreate()
            + " user(s) to create (admin skipped), "
            + p.total(EntityKind.SECRETS)
            + " secret(s) (count only)"
            + (p.stats().duplicates() > 0
                ? "; " + p.stats().duplicates() + " duplicate item(s) in the archive, counted once"
                : ""));
    if (v.now() == null) {
      out.add("Manager now: not counted (" + v.countsProblem() + ")");
    }
    int shown = 0;
    for (TenantContents t : p.tenants()) {
      if (shown++ == tenants) {
        out.add(
            "… "
                + (p.tenants().size() - tenants)
                + " more tenant(s): `/cfy snapshots inspect` lists them");
        break;
      }
      out.add(tenantRow(t, v.now()));
      String bps = ids(t.blueprintIds(), t.blueprintIdsNotListed(), ids);
      String deps = ids(t.deploymentIds(), t.deploymentIdsNotListed(), ids);
      if (!bps.isEmpty() || !deps.isEmpty()) {
        out.add(
            "  "
                + (bps.isEmpty() ? "" : "blueprints: " + bps)
                + (!bps.isEmpty() && !deps.isEmpty() ? "; " : "")
                + (deps.isEmpty() ? "" : "deployments: " + deps));
      }
    }
    schedules(p, v.at()).ifPresent(out::add);
    for (Finding f : p.findings()) {
      if (!f.kind().failsRestore()) {
        out.add("Note: " + f.describe());
      }
    }
    return out;
  }

  static String head(RestorePreviews.View v) {
    ArchivePreview p = v.preview();
    StoredArchive a = v.archive();
    return "Archive: "
        + format(p.format())
        + ", snapshot version "
        + (p.snapshotVersion() == null ? "unknown" : p.snapshotVersion())
        + " (manager "
        + v.managerVersion()
        + (p.newerThan(v.managerVersion()) ? ": NEWER SNAPSHOT" : "")
        + ")"
        + (p.snapshotCreatedAt() == null
            ? ""
            : ", taken " + p.snapshotCreatedAt().truncatedTo(ChronoUnit.SECONDS))
        + (a == null
            ? ""
            : "; stored copy "
                + Durations.bytes(a.sizeBytes())
                + ", sha256 "
                + a.shaPrefix()
                + (a.version() > 1 ? " (version " + a.version() + ")" : ""));
  }

  static String format(ArchiveFormat f) {
    return switch (f) {
      case SEVEN_X -> "7.x format";
      case LEGACY -> "legacy format";
      case LEGACY_MISREAD_AS_7X -> "legacy format (read as 7.x by Cloudify)";
      case UNKNOWN -> "unknown format";
    };
  }

  /** {@code default_tenant (archive → now): blueprints 4 → 0 · deployments 6 → 2 · …}. */
  static String tenantRow(TenantContents t, ContentCounts now) {
    StringBuilder b =
        new StringBuilder(t.name()).append(now == null ? ":" : " (archive → manager now):");
    String sep = " ";
    for (EntityKind k : EntityKind.values()) {
      if (k.management() || !k.comparable()) {
        continue;
      }
      long there = t.count(k);
      long here = now == null ? 0 : now.count(t.name(), k);
      if (there == 0 && here == 0) {
        continue;
      }
      b.append(sep).append(label(k)).append(' ').append(there);
      if (now != null) {
        b.append(" → ").append(here);
      }
      sep = " · ";
    }
    long execs = t.count(EntityKind.EXECUTIONS);
    if (execs > 0) {
      b.append(sep).append("executions ").append(execs).append(" (history)");
    }
    return b.toString();
  }

  static String label(EntityKind k) {
    return k.dumpName().replace('_', ' ');
  }

  private static String ids(List<String> ids, long notListed, int cap) {
    if (ids.isEmpty() && notListed == 0) {
      return "";
    }
    List<String> shown = ids.subList(0, Math.min(cap, ids.size()));
    long more = notListed + ids.size() - shown.size();
    return String.join(", ", shown) + (more > 0 ? " (+" + more + " more)" : "");
  }

  /** Schedules with occurrences between the snapshot and {@code at}: overdue, marked failed. */
  private static java.util.Optional<String> schedules(ArchivePreview p, Instant at) {
    List<ArchivePreview.ScheduleAtRestore> all = p.schedulesAt(at);
    long total = p.total(EntityKind.EXECUTION_SCHEDULES);
    if (total == 0) {
      return java.util.Optional.empty();
    }
    long overdue = 0;
    long skipped = 0;
    long unknown = 0;
    List<String> deployments = new ArrayList<>();
    for (ArchivePreview.ScheduleAtRestore s : all) {
      OptionalLong n = s.skippedOccurrences();
      if (n.isEmpty()) {
        unknown++;
      } else if (n.getAsLong() > 0) {
        overdue++;
        skipped += n.getAsLong();
        String d = s.schedule().deploymentId();
        if (d != null
            && PLAIN_ID.matcher(d).matches()
            && deployments.size() < 5
            && !deployments.contains(d)) {
          deployments.add(d);
        }
      }
    }
    return java.util.Optional.of(
        "Execution schedules: "
            + total
            + "; "
            + overdue
            + " will be overdue after a restore now and marked failed ("
            + skipped
            + " occurrence(s) since the snapshot"
            + (deployments.isEmpty() ? "" : "; deployments " + String.join(", ", deployments))
            + ")"
            + (unknown > 0 ? "; " + unknown + " not computed (rule or snapshot time unknown)" : "")
            + (total > all.size() ? "; " + (total - all.size()) + " not described" : ""));
  }
}
