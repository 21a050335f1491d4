package io.cfychatops.ops;

import io.cfychatops.archive.ArchiveFormat;
import io.cfychatops.archive.ArchivePreview;
import io.cfychatops.archive.EntityKind;
import io.cfychatops.archive.ManagerVersion;
import io.cfychatops.ops.ManagerPort.ContentCounts;
import io.cfychatops.ops.ManagerPort.RestoreFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What Cloudify does not check before restoring a 7.x archive, checked here from the archive's
 * preview and the target manager (research notes, "What the restore does and does not check"): a
 * snapshot newer than the manager is refused; a non-empty target, a legacy archive Cloudify would
 * read as 7.x, {@code --restore-certificates} (ignored on 7.x archives; the same-hostname rule on
 * legacy ones), findings that make the restore fail and, on a cluster, the guide's one-node step
 * are warnings. Pure; the texts hold versions, counts and tenant names only.
 */
public final class RestoreGate {
  private RestoreGate() {}

  /**
   * What the gate knows of the target.
   *
   * @param managerVersion the manager's version ({@code GET /version})
   * @param flags the restore's flags
   * @param now what the manager holds, or null when it could not be counted
   * @param managerNodes manager nodes in {@code /cluster-status}, or 0 when unknown
   */
  public record Target(
      String managerVersion, RestoreFlags flags, @Nullable ContentCounts now, int managerNodes) {}

  /** The gate's answer: a refusal (nothing may run), or warnings for the card. */
  public record Verdict(@Nullable String refusal, List<String> warnings) {
    public Verdict {
      warnings = List.copyOf(warnings);
    }

    public boolean refused() {
      return refusal != null;
    }
  }

  /** The refusal of a snapshot newer than the manager, if it is one. */
  public static Optional<String> newerThanManager(ArchivePreview p, String managerVersion) {
    if (!p.newerThan(managerVersion)) {
      return Optional.empty();
    }
    String v = p.version().map(ManagerVersion::toString).orElse(p.snapshotVersion());
    return Optional.of(
        "the snapshot was taken on Cloudify "
            + v
            + ", newer than this manager's "
            + managerVersion
            + (p.format().restoreChecksVersion()
                ? " (Cloudify's legacy restore refuses it too)"
                : ": Cloudify does not check this for 7.x archives, and a cross-version restore"
                    + " is the most reported way to break a manager")
            + ". Upgrade the manager to "
            + v
            + " or later first, or restore a snapshot taken on "
            + managerVersion
            + " or earlier");
  }

  public static Verdict judge(ArchivePreview p, Target t) {
    Optional<String> newer = newerThanManager(p, t.managerVersion());
    List<String> w = new ArrayList<>();
    p.findings().stream()
        .filter(f -> f.kind().failsRestore())
        .limit(5)
        .forEach(f -> w.add("The restore will fail: " + f.describe()));
    if (p.format() == ArchiveFormat.LEGACY_MISREAD_AS_7X) {
      w.add(
          "Legacy archive without the stage and composer schema revisions: Cloudify reads it as"
              + " 7.x, restores nothing it holds and still ends `terminated`");
    }
    Optional<ManagerVersion> snap = p.version();
    Optional<ManagerVersion> mgr = ManagerVersion.parse(t.managerVersion());
    if (snap.isPresent() && mgr.isPresent() && mgr.get().newerThan(snap.get())) {
      w.add(
          "Snapshot from "
              + snap.get()
              + " onto "
              + mgr.get()
              + ": an upgrade by restore; afterwards agents need `install_new_agents` and plugins"
              + " `plugins update`");
    }
    if (t.now() != null) {
      String held = held(t.now());
      if (!held.isEmpty()) {
        w.add(
            "The manager is not empty ("
                + held
                + "): "
                + (p.format() == ArchiveFormat.LEGACY
                    ? "Cloudify's legacy restore refuses this without --force"
                    : "a 7.x restore does not check; what exists already fails entity by entity"
                        + " and the restore still ends `terminated`")
                + ". Restore onto a fresh manager");
      }
    }
    if (t.flags().restoreCertificates()) {
      w.add(
          p.format() == ArchiveFormat.LEGACY
              ? "--restore-certificates: only when the archive's certificates name the same IPs"
                  + " and hostnames as this manager"
                  + (t.flags().noReboot() ? "" : "; the VM reboots")
              : "--restore-certificates is ignored for 7.x archives: no certificate is restored");
    }
    if (t.managerNodes() > 1) {
      w.add(
          "Cluster of "
              + t.managerNodes()
              + " manager nodes: snapshots do not include the cluster. Restore onto one active"
              + " node, then join the others (guide: high-availability clusters)");
    }
    return new Verdict(newer.orElse(null), w);
  }

  /** What the manager holds beyond a fresh manager, e.g. "4 blueprints, 6 deployments". */
  static String held(ContentCounts now) {
    long tenants = 0;
    long users = 0;
    long blueprints = 0;
    long deployments = 0;
    long other = 0;
    for (Map.Entry<String, Map<EntityKind, Long>> e : now.byTenant().entrySet()) {
      for (Map.Entry<EntityKind, Long> k : e.getValue().entrySet()) {
        long n = k.getValue() == null ? 0 : k.getValue();
        switch (k.getKey()) {
          case TENANTS -> tenants += n;
          case USERS -> users += n;
          case BLUEPRINTS -> blueprints += n;
          case DEPLOYMENTS -> deployments += n;
          case PERMISSIONS, USER_GROUPS, EXECUTIONS, EVENTS, TASKS_GRAPHS -> {}
          default -> other += k.getKey().comparable() ? n : 0;
        }
      }
    }
    List<String> parts = new ArrayList<>();
    add(parts, blueprints, "blueprint");
    add(parts, deployments, "deployment");
    add(parts, other, "other entit", "y", "ies");
    add(parts, Math.max(0, tenants - 1), "tenant");
    add(parts, Math.max(0, users - 1), "user");
    return String.join(", ", parts);
  }

  private static void add(List<String> parts, long n, String noun) {
    add(parts, n, noun, "", "s");
  }

  private static void add(List<String> parts, long n, String stem, String one, String many) {
    if (n > 0) {
      parts.add(n + " " + stem + (n == 1 ? one : many));
    }
  }
}
