package io.cfychatops.ops;

import io.cfychatops.chat.Message;
import io.cfychatops.chat.Status;
import io.cfychatops.ops.ManagerPort.ClusterInfo;
import io.cfychatops.ops.ManagerPort.ManagerCallException;
import io.cfychatops.ops.ManagerPort.NodeInfo;
import java.util.List;

/**
 * {@code /cfy cluster status}: reads cluster-status and, when something is wrong, names the failure
 * case of the backup-and-restore guide ("Failure Recovery") it looks like, with the guide's
 * recovery steps.
 */
public final class ClusterDiagnosis {

  /** The guide's failure cases, with its recovery text. */
  public enum Case {
    HEALTHY("Healthy", List.of(), ""),
    WHOLE_CLUSTER_DOWN(
        "Whole cluster down or working wrong",
        List.of(
            "Save /etc/cloudify/ssl/* files.",
            "Teardown managers.",
            "Install fresh managers with existing certificates in /etc/cloudify/config.yaml.",
            "Create and join cluster.",
            "Apply latest working version snapshot on active manager."),
        ""),
    ONE_NODE_DOWN(
        "One manager cluster node down",
        List.of(
            "Remove manager from the cluster.",
            "Destroy manager.",
            "Bootstrap fresh manager.",
            "Join existing cluster."),
        "Effect: Healthy manager cluster"),
    ACTIVE_NODE_DOWN(
        "Active manager node down",
        List.of(
            "Other healthy manager from the cluster automatically becomes active manager.",
            "Investigate error.",
            "Either fix the problem, or destroy the manager, then install manager and join cluster."),
        "Effect: Healthy manager cluster"),
    SPLIT_BRAIN(
        "Split brain",
        List.of(
            "Situation happens when for a while there is no connectivity between managers. Then each of"
                + " them thinks that other managers are unhealthy and become master.",
            "After connectivity is back master becomes only one in cluster. It's chosen based on the"
                + " newest version of PostgreSQL database.",
            "All data from other managers will be synced with the active one and others will become"
                + " standbys. All data/installed deployments/plugins will get lost."),
        "Take a snapshot of the node whose data you must keep before connectivity returns, if you"
            + " still can."),
    DEGRADED_OTHER(
        "Degraded (no failure case of the guide matches)",
        List.of("Check the failing services listed above on their nodes (systemctl status)."),
        "");

    private final String title;
    private final List<String> steps;
    private final String effect;

    Case(String title, List<String> steps, String effect) {
      this.title = title;
      this.steps = steps;
      this.effect = effect;
    }

    public String title() {
      return title;
    }

    public List<String> steps() {
      return steps;
    }

    public String effect() {
      return effect;
    }
  }

  /** The diagnosis and the evidence it rests on. */
  public record Diagnosis(Case kind, List<String> evidence) {}

  private ClusterDiagnosis() {}

  /**
   * Classifies a cluster-status reading. Node roles are used when known ({@code active}); without
   * them, a group whose status is {@code Fail} while a node is down means its active node (leader)
   * is down (a replica down only degrades it), and a group that fails while every node is OK means
   * its nodes disagree about leadership.
   */
  public static Diagnosis diagnose(ClusterInfo info) {
    List<NodeInfo> managers = info.managers();
    List<NodeInfo> down = info.nodes().stream().filter(n -> !n.ok()).toList();
    List<String> evidence = new java.util.ArrayList<>();
    evidence.add(
        "cluster status "
            + info.overall()
            + "; "
            + managers.size()
            + " manager node(s); "
            + down.size()
            + " of "
            + info.nodes().size()
            + " node(s) failing");
    info.groups()
        .forEach(
            (g, st) -> {
              if (!st.equalsIgnoreCase("OK")) {
                evidence.add(g + " service is " + st);
              }
            });
    for (NodeInfo n : down) {
      evidence.add(
          n.group()
              + " node "
              + n.name()
              + " is "
              + n.status()
              + (Boolean.TRUE.equals(n.active()) ? " (active)" : ""));
    }
    for (String g : List.of("manager", "db", "broker")) {
      long actives =
          info.nodes().stream()
              .filter(n -> n.group().equals(g) && Boolean.TRUE.equals(n.active()))
              .count();
      if (actives > 1) {
        evidence.add(actives + " " + g + " nodes claim to be active/leader");
        return new Diagnosis(Case.SPLIT_BRAIN, evidence);
      }
    }
    if (!info.nodes().isEmpty() && down.size() == info.nodes().size()
        || (!managers.isEmpty() && managers.stream().noneMatch(NodeInfo::ok))) {
      return new Diagnosis(Case.WHOLE_CLUSTER_DOWN, evidence);
    }
    for (NodeInfo n : down) {
      if (Boolean.TRUE.equals(n.active()) || info.group(n.group()).equalsIgnoreCase("Fail")) {
        return new Diagnosis(Case.ACTIVE_NODE_DOWN, evidence);
      }
    }
    if (!down.isEmpty()) {
      return new Diagnosis(Case.ONE_NODE_DOWN, evidence);
    }
    for (var e : info.groups().entrySet()) {
      if (e.getValue().equalsIgnoreCase("Fail")) {
        evidence.add(
            "every "
                + e.getKey()
                + " node answers OK, yet the "
                + e.getKey()
                + " service fails: its nodes disagree about who is active");
        return new Diagnosis(Case.SPLIT_BRAIN, evidence);
      }
    }
    if (info.overall().equalsIgnoreCase("OK")) {
      return new Diagnosis(Case.HEALTHY, evidence);
    }
    return new Diagnosis(Case.DEGRADED_OTHER, evidence);
  }

  /** Reads cluster-status and renders the diagnosis; an unreachable manager is itself evidence. */
  public static Message run(ManagerPort api, String manager) {
    try {
      return render(manager, diagnose(api.clusterStatus(manager)));
    } catch (ManagerCallException e) {
      if (e.isTransient()) {
        return render(
            manager,
            new Diagnosis(
                Case.WHOLE_CLUSTER_DOWN,
                List.of(
                    "cluster-status could not be read: " + StepRunner.describe(e),
                    "if no manager of the cluster answers, this is the whole-cluster case")));
      }
      return Message.builder(Status.FAILED, "Cluster status of " + manager + ": unavailable")
          .line(StepRunner.describe(e))
          .line(
              "cluster-status needs Cloudify 5.0.5+; on 5.0.5–6.4 it answers 503 during a restore.")
          .build();
    }
  }

  public static Message render(String manager, Diagnosis d) {
    Status s =
        d.kind() == Case.HEALTHY
            ? Status.OK
            : d.kind() == Case.DEGRADED_OTHER || d.kind() == Case.ONE_NODE_DOWN
                ? Status.WARNING
                : Status.FAILED;
    Message.Builder b =
        Message.builder(s, "Cluster status of " + manager + ": " + d.kind().title());
    d.evidence().forEach(b::row);
    if (!d.kind().steps().isEmpty()) {
      b.line(
          d.kind() == Case.SPLIT_BRAIN
              ? "What the guide says:"
              : "Recovery (backup-and-restore guide):");
      int i = 1;
      for (String step : d.kind().steps()) {
        b.line((i++) + ". " + step);
      }
    }
    if (!d.kind().effect().isEmpty()) {
      b.context(d.kind().effect());
    }
    return b.build();
  }
}
