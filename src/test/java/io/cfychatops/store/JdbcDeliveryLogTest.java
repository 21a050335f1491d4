package io.cfychatops.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

class JdbcDeliveryLogTest {

  @EachDatabase
  void aDeliveryIsFirstOnceAcrossInstances(TestDb t) {
    Database one = t.db();
    JdbcDeliveryLog a = new JdbcDeliveryLog(one);
    JdbcDeliveryLog b =
        new JdbcDeliveryLog(t.openUnmigrated()); // a second replica on the same data
    Instant now = TestDatabases.T0;
    assertThat(a.firstTime("cmd:111.222.abc", now)).isTrue();
    assertThat(b.firstTime("cmd:111.222.abc", now)).isFalse();
    assertThat(a.firstTime("cmd:111.222.abc", now)).isFalse();
    assertThat(b.firstTime("cmd:333.444.def", now)).isTrue();
  }

  @EachDatabase
  void oldDeliveriesArePurged(TestDb t) {
    JdbcDeliveryLog log = new JdbcDeliveryLog(t.db());
    Instant t0 = TestDatabases.T0;
    log.firstTime("old", t0);
    log.firstTime("new", t0.plus(Duration.ofDays(2)));
    assertThat(log.purgeBefore(t0.plus(Duration.ofDays(1)))).isEqualTo(1);
    assertThat(log.firstTime("old", t0.plus(Duration.ofDays(2)))).isTrue();
    assertThat(log.firstTime("new", t0.plus(Duration.ofDays(2)))).isFalse();
  }
}
