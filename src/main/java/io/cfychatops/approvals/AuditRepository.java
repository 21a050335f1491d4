package io.cfychatops.approvals;

import java.util.Collection;
import java.util.List;

/**
 * Persistence port for the audit log (implemented by {@code store.JdbcAuditRepository}). Append
 * only: there is deliberately no update or delete.
 */
public interface AuditRepository {

  /** Stores an entry and returns its id (increasing in insertion order). */
  long append(AuditEntry entry);

  /** The newest {@code limit} entries, newest first; only {@code manager}'s when it is non-null. */
  List<AuditEntry> recent(int limit, String manager);

  /**
   * The newest {@code limit} entries of the given managers, newest first ({@code ""} selects the
   * entries tied to no manager); none for an empty collection.
   */
  List<AuditEntry> recentOf(int limit, Collection<String> managers);

  /**
   * Up to {@code limit} entries of {@code manager} whose detail contains one of {@code ids}
   * (approval or operation ids: lower-case letters, digits and {@code -} only), oldest first.
   */
  default List<AuditEntry> mentioning(String manager, Collection<String> ids, int limit) {
    List<AuditEntry> out = new java.util.ArrayList<>();
    for (AuditEntry e : recent(10_000, manager)) {
      if (ids.stream().anyMatch(id -> e.detail().contains(id))) {
        out.add(0, e);
      }
    }
    return out.size() > limit ? out.subList(0, limit) : out;
  }
}
