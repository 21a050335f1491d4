package io.cfychatops.sim;

/**
 * Health shapes served by {@code GET /cluster-status} (and reflected in {@code /status}).
 *
 * <p>The simulated cluster has three manager nodes, three database nodes (Patroni, one leader) and
 * three broker nodes; {@link #SINGLE_NODE} has one of each.
 */
public enum ClusterScenario {
  /** An all-in-one manager: one node per service, everything {@code OK}. */
  SINGLE_NODE,
  /** Everything {@code OK}. */
  HEALTHY,
  /** One manager replica node is down: manager service and cluster {@code Degraded}. */
  ONE_NODE_DOWN,
  /** The database leader is down and no replica has taken over: db and cluster {@code Fail}. */
  ACTIVE_NODE_DOWN,
  /** Every node of every service is down: {@code Fail}. */
  WHOLE_CLUSTER_DOWN,
  /** Two database nodes both claim to be the Patroni leader: db and cluster {@code Fail}. */
  SPLIT_BRAIN
}
