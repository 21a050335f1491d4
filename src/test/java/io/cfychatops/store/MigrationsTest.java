package io.cfychatops.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  @EachDatabase
  void migrateTwiceIsANoOp(TestDb t) {
    Database db = t.db(); // migrated once
    assertThat(db.migrate()).isZero();
    assertThat(db.jdbc().queryLong("SELECT count(*) FROM schema_version"))
        .isEqualTo(Migrations.load(db.dialect()).size());
    for (String table :
        List.of(
            "audit_log",
            "approval_request",
            "approval_vote",
            "ops_operation",
            "nightly_run",
            "backup_catalog",
            "scheduled_tasks")) {
      assertThat(db.jdbc().queryLong("SELECT count(*) FROM " + table)).as(table).isZero();
    }
  }

  @EachDatabase
  void twoInstancesMigratingAtOnceApplyEachVersionOnce(TestDb t) throws Exception {
    Database a = t.openUnmigrated();
    Database b = t.openUnmigrated();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch gate = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (Database d : List.of(a, b)) {
        results.add(
            pool.submit(
                () -> {
                  gate.await();
                  return d.migrate();
                }));
      }
      gate.countDown();
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      int versions = Migrations.load(a.dialect()).size();
      assertThat(total).isEqualTo(versions);
      assertThat(a.jdbc().queryLong("SELECT count(*) FROM schema_version")).isEqualTo(versions);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void scriptSplitterHonoursLineEndSemicolonsAndComments() {
    assertThat(
            Migrations.statements("-- c\nCREATE TABLE a (x INT);\n\nINSERT INTO a\nVALUES (1);\n"))
        .containsExactly("CREATE TABLE a (x INT)", "INSERT INTO a\nVALUES (1)");
  }
}
