package io.cfychatops.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class NamedThreadsTest {
  @Test
  void threadsAreNumberedDaemonsPerFactory() {
    NamedThreads a = NamedThreads.daemon("cfy-test");
    Thread t1 = a.newThread(() -> {});
    Thread t2 = a.newThread(() -> {});
    Thread other = NamedThreads.daemon("cfy-other").newThread(() -> {});
    assertThat(t1.getName()).isEqualTo("cfy-test-1");
    assertThat(t2.getName()).isEqualTo("cfy-test-2");
    assertThat(other.getName()).isEqualTo("cfy-other-1");
    assertThat(t1.isDaemon()).isTrue();
    assertThat(t1.getState()).isEqualTo(Thread.State.NEW);
  }

  @Test
  void anUncaughtExceptionIsLoggedWithTheThreadName() throws InterruptedException {
    Logger logger = (Logger) LoggerFactory.getLogger(NamedThreads.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    logger.addAppender(events);
    try {
      Thread t =
          NamedThreads.daemon("cfy-boom")
              .start(
                  () -> {
                    throw new IllegalStateException("broken on purpose");
                  });
      t.join(10_000);
      assertThat(t.isAlive()).isFalse();
    } finally {
      logger.detachAppender(events);
    }
    assertThat(events.list)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getFormattedMessage()).contains("cfy-boom-1");
              assertThat(e.getThrowableProxy().getMessage()).isEqualTo("broken on purpose");
            });
  }

  @Test
  void aBlankPrefixIsRefused() {
    assertThatThrownBy(() -> NamedThreads.daemon(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
