package io.cfychatops.drill;

import java.util.List;
import java.util.Optional;

/** The drill history, in the store ({@code store.JdbcDrillLog}). */
public interface DrillLog {

  /** Records a drill that started; false when its operation is already recorded (a retry). */
  boolean start(DrillRecord started);

  /** Records how a running drill ended; false when it had ended already. */
  boolean finish(DrillRecord ended);

  Optional<DrillRecord> find(String operationId);

  /** The newest {@code limit} drills of {@code manager}, newest first. */
  List<DrillRecord> history(String manager, int limit);

  /** The newest ended drill of {@code manager}. */
  Optional<DrillRecord> latestEnded(String manager);

  /** Drills recorded as running (not ended), oldest first. */
  List<DrillRecord> running();

  /** The newest {@link DrillVerdict#SUCCESSFUL} drill of {@code manager}. */
  Optional<DrillRecord> latestSuccessful(String manager);
}
