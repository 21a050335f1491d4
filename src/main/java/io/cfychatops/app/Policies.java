package io.cfychatops.app;

import io.cfychatops.approvals.ApprovalPolicy;
import io.cfychatops.approvals.PolicyBook;
import io.cfychatops.config.ApprovalRule;
import java.util.List;

/** Maps the config's approval rules onto a {@link PolicyBook}: defaults first, then overrides. */
final class Policies {
  private Policies() {}

  static PolicyBook from(List<ApprovalRule> rules) {
    ApprovalPolicy base = ApprovalPolicy.DEFAULT;
    for (ApprovalRule r : rules) {
      if ("*".equals(r.manager()) && "*".equals(r.action())) {
        base = merge(base, r);
        if (!base.required()) {
          base =
              new ApprovalPolicy(
                  true,
                  base.requiredVotes(),
                  base.approverRoles(),
                  base.approverGroups(),
                  base.expiry(),
                  base.reasonRequired(),
                  base.typedConfirmation());
        }
      }
    }
    PolicyBook.Builder b = PolicyBook.builder().defaultPolicy(base);
    for (ApprovalRule r : rules) {
      if (!("*".equals(r.manager()) && "*".equals(r.action()))) {
        b.override(r.manager(), r.action(), merge(base, r));
      }
    }
    return b.build();
  }

  private static ApprovalPolicy merge(ApprovalPolicy p, ApprovalRule r) {
    return new ApprovalPolicy(
        r.required() == null ? p.required() : r.required(),
        r.requiredVotes() == null ? p.requiredVotes() : r.requiredVotes(),
        r.approverRoles() == null ? p.approverRoles() : r.approverRoles(),
        r.approverGroups() == null ? p.approverGroups() : r.approverGroups(),
        r.expiry() == null ? p.expiry() : r.expiry(),
        r.reasonRequired() == null ? p.reasonRequired() : r.reasonRequired(),
        r.confirmTyped() == null ? p.typedConfirmation() : r.confirmTyped());
  }
}
