package io.cfychatops.ops;

import java.util.List;
import java.util.Optional;

/**
 * Where operations live. Writes are compare-and-set on {@link Operation#version()}: {@link #update}
 * fails with {@link ConcurrentUpdateException} when someone else wrote first, so a step never runs
 * twice on two replicas without one of them noticing.
 */
public interface OperationStore {

  /** Inserts a new operation (version 0); returns it as stored. */
  Operation insert(Operation op);

  /**
   * Inserts a new operation (version 0) unless one with its id exists; true when this call inserted
   * it. With ids derived from something unique (an approval), starting twice is a no-op.
   */
  boolean insertIfAbsent(Operation op);

  Optional<Operation> find(String id);

  /** Writes {@code op} if the stored version equals {@code op.version()}; returns version + 1. */
  Operation update(Operation op);

  List<Operation> findUnfinished();

  /** Most recent first. */
  List<Operation> recent(int limit);

  /** Another writer changed the operation since it was read. */
  final class ConcurrentUpdateException extends RuntimeException {
    public ConcurrentUpdateException(String opId, long expected) {
      super("Operation " + opId + " changed concurrently (expected version " + expected + ")");
    }
  }
}
