package io.cfychatops.concurrent;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread factory of the bot and the simulator: threads named {@code <prefix>-1}, {@code
 * <prefix>-2}, …, daemon (a stuck worker never keeps the JVM alive; shutdown is explicit), and an
 * uncaught-exception handler that logs the failure with the thread's name instead of printing it to
 * standard error. Thread-safe.
 */
public final class NamedThreads implements ThreadFactory {
  private static final Logger log = LoggerFactory.getLogger(NamedThreads.class);

  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  private NamedThreads(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    if (prefix.isBlank()) {
      throw new IllegalArgumentException("thread name prefix is blank");
    }
  }

  /** A factory of daemon threads named {@code prefix-N}, numbered from 1 in creation order. */
  public static NamedThreads daemon(String prefix) {
    return new NamedThreads(prefix);
  }

  /** A new, unstarted daemon thread running {@code task}, with the next number. */
  @Override
  public Thread newThread(Runnable task) {
    Thread t = new Thread(task, prefix + "-" + count.incrementAndGet());
    t.setDaemon(true);
    t.setUncaughtExceptionHandler(NamedThreads::logUncaught);
    return t;
  }

  private static void logUncaught(Thread t, Throwable e) {
    log.error("Uncaught exception in thread {}", t.getName(), e);
  }

  /** Creates and starts a thread running {@code task} (for one-off helpers outside a pool). */
  public Thread start(Runnable task) {
    Thread t = newThread(task);
    t.start();
    return t;
  }
}
