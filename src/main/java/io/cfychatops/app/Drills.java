package io.cfychatops.app;

import io.cfychatops.backup.BackupCatalog;
import io.cfychatops.chat.ChatPort;
import io.cfychatops.config.BotConfig;
import io.cfychatops.config.ManagerConfig;
import io.cfychatops.drill.DrillService;
import io.cfychatops.metrics.Metrics;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.store.Database;
import io.cfychatops.store.JdbcDrillLog;
import java.time.Clock;

/** Wires the restore drills of the managers that configure one ({@code managers[].drill}). */
final class Drills {
  private Drills() {}

  static DrillService service(
      BotConfig config,
      Database db,
      OperationEngine engine,
      BackupCatalog catalog,
      ChatPort chat,
      String reportsChannel,
      Metrics metrics,
      Clock clock) {
    DrillService.Builder b =
        DrillService.builder()
            .engine(engine) // each drill is a DRILL operation, resumed like any other
            .catalog(catalog)
            .log(new JdbcDrillLog(db))
            .archiveRoot(config.backup().archiveRoot())
            .clock(clock)
            .chat(chat, reportsChannel)
            .metrics(metrics);
    for (ManagerConfig m : config.managers()) {
      if (m.drill() != null) {
        b.drill(m.name(), m.drill());
      }
    }
    return b.build();
  }
}
