package io.cfychatops.slack;

import io.cfychatops.chat.ChatException;
import io.cfychatops.concurrent.NamedThreads;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded pool the Slack listeners hand core work to ({@code cfy-slack-worker-N} threads from
 * {@link NamedThreads}, a bounded queue). When both are full, {@link #submit} throws a preallocated
 * {@link RejectedExecutionException} without a stack trace, so refusing stays cheap under overload;
 * refusals are counted and logged at most once a second. Work that throws is logged, never lost
 * silently.
 */
final class WorkerPool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

  /** Preallocated once per pool, without a stack trace: refusing must stay cheap under overload. */
  private final RejectedExecutionException poolFull =
      new RejectedExecutionException("worker pool full") {
        @Override
        public synchronized Throwable fillInStackTrace() {
          return this;
        }
      };

  private final ThreadPoolExecutor workers;
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong lastRejectLog = new AtomicLong(System.nanoTime() - 2_000_000_000L);

  WorkerPool(int threads, int queueCapacity) {
    this.workers =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            NamedThreads.daemon("cfy-slack-worker"),
            (r, ex) -> {
              throw poolFull;
            });
    this.workers.allowCoreThreadTimeOut(true);
  }

  /**
   * Runs {@code r} on a worker; a {@link ChatException} or other runtime exception it throws is
   * logged as "Slack {what} handling failed".
   *
   * @throws RejectedExecutionException when the pool and its queue are full
   */
  void submit(String what, Runnable r) {
    workers.execute(() -> runSafely(what, r));
  }

  /** Runs {@code r} here, logging what it throws (see {@link #submit}). */
  static void runSafely(String what, Runnable r) {
    try {
      r.run();
    } catch (ChatException e) {
      log.warn("Slack {} handling failed: {} ({})", what, e.code(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("Slack {} handling failed", what, e);
    }
  }

  /** Counts a refusal of {@code what}; at most one warning per second while the pool is full. */
  void logRejected(String what) {
    long now = System.nanoTime();
    long last = lastRejectLog.get();
    long count = rejected.incrementAndGet();
    if (now - last > 1_000_000_000L && lastRejectLog.compareAndSet(last, now)) {
      log.warn(
          "Worker pool full ({} queued); refused {} ({} refused so far)",
          workers.getQueue().size(),
          what,
          count);
    }
  }

  /** Work refused so far. */
  long rejected() {
    return rejected.get();
  }

  /** Work accepted but not yet picked up by a worker. */
  int queued() {
    return workers.getQueue().size();
  }

  /** For tests and the benchmark: the executor. */
  ExecutorService executor() {
    return workers;
  }

  /** Lets running work finish for up to 5 s, then interrupts it. */
  @Override
  public void close() {
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
