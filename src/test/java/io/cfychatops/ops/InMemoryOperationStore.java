package io.cfychatops.ops;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A store for tests and the console demo; thread-safe, lost on exit. */
public final class InMemoryOperationStore implements OperationStore {
  private final ConcurrentHashMap<String, Operation> ops = new ConcurrentHashMap<>();

  @Override
  public Operation insert(Operation op) {
    Operation v = op.withVersion(0);
    if (ops.putIfAbsent(op.id(), v) != null) {
      throw new IllegalStateException("Operation " + op.id() + " already exists");
    }
    return v;
  }

  @Override
  public boolean insertIfAbsent(Operation op) {
    return ops.putIfAbsent(op.id(), op.withVersion(0)) == null;
  }

  @Override
  public Optional<Operation> find(String id) {
    return Optional.ofNullable(ops.get(id));
  }

  @Override
  public Operation update(Operation op) {
    Operation next = op.withVersion(op.version() + 1);
    Operation[] out = new Operation[1];
    ops.compute(
        op.id(),
        (k, cur) -> {
          if (cur == null || cur.version() != op.version()) {
            throw new ConcurrentUpdateException(op.id(), op.version());
          }
          out[0] = next;
          return next;
        });
    return out[0];
  }

  @Override
  public List<Operation> findUnfinished() {
    return ops.values().stream()
        .filter(o -> !o.status().isFinal())
        .sorted(Comparator.comparing(Operation::createdAt))
        .toList();
  }

  @Override
  public List<Operation> recent(int limit) {
    return ops.values().stream()
        .sorted(
            Comparator.comparing(Operation::createdAt)
                .reversed()
                .thenComparing(Operation::id, Comparator.reverseOrder()))
        .limit(limit)
        .toList();
  }
}
