package io.cfychatops.slack;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.cfychatops.concurrent.NamedThreads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JDK {@link HttpServer} with the limits a port reachable by strangers needs. Each listener has
 * its own threads, so a flood on one (the public Slack port) cannot starve another (the management
 * port's {@code /healthz}).
 *
 * <p><b>How the JDK server spends threads.</b> A connection that has not sent a byte, or sits idle
 * between keep-alive requests, holds no thread: the server's selector watches it and closes it
 * after its idle interval ({@code sun.net.httpserver.idleInterval}, 30 s by default). From the
 * first byte of a request the server runs the whole exchange on the executor — reading the request
 * line, headers and (in our handlers) the body with <em>blocking</em> reads that have no timeout —
 * so a client trickling a byte every few seconds holds that thread for as long as it likes.
 *
 * <p><b>What this class adds.</b>
 *
 * <ul>
 *   <li><b>A deadline per exchange</b> ({@link Limits#exchangeTimeout}): measured from the moment a
 *       thread picks the exchange up (first byte received) to the end of the response. When it
 *       passes, the thread is interrupted; a thread blocked in a socket read or write gets {@link
 *       java.nio.channels.ClosedByInterruptException}, which closes the connection, and the JDK
 *       server drops it. This bounds header, body and response time together, for this listener
 *       only. (The JDK's own {@code sun.net.httpserver.maxReqTime} does the same per JVM, but it is
 *       read once when the server class loads, applies to every server in the process — the
 *       simulator's multi-gigabyte uploads included — and cannot be set per listener or tested
 *       reliably; see docs/decisions.md.)
 *   <li><b>A bounded pool and a bounded queue</b> ({@link Limits#maxThreads}, {@link
 *       Limits#queue}): threads are made on demand up to the cap and die after 30 s idle; exchanges
 *       beyond the cap wait in the queue (a CPU stall of a few hundred milliseconds at 200 requests
 *       a second must not turn into refusals); beyond the queue the exchange is refused and the JDK
 *       server closes that connection at once. A queued exchange's deadline starts when a thread
 *       takes it.
 * </ul>
 *
 * <p>Body sizes are the handlers' business ({@link SlackHttpServer#MAX_BODY_BYTES}); the JDK server
 * itself caps request headers (about 380 KiB, {@code sun.net.httpserver.maxReqHeaderSize}).
 */
final class HttpListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpListener.class);

  /**
   * @param maxThreads exchanges served at once (each slow client holds one until its deadline)
   * @param queue exchanges waiting for a thread; beyond it new connections are closed
   * @param exchangeTimeout longest time from a request's first byte to the end of its response
   */
  record Limits(int maxThreads, int queue, Duration exchangeTimeout) {
    /** The public port: Slack's requests are acked in milliseconds and Slack gives up after 3 s. */
    static final Limits PUBLIC = new Limits(64, 256, Duration.ofSeconds(10));

    /** The management port: probes and scrapes, a few at a time. */
    static final Limits MANAGEMENT = new Limits(4, 64, Duration.ofSeconds(5));

    Limits {
      if (maxThreads < 1 || maxThreads > 1024) {
        throw new IllegalArgumentException("maxThreads must be 1..1024, was " + maxThreads);
      }
      if (queue < 0 || queue > 65536) {
        throw new IllegalArgumentException("queue must be 0..65536, was " + queue);
      }
      Objects.requireNonNull(exchangeTimeout, "exchangeTimeout");
      if (exchangeTimeout.isNegative() || exchangeTimeout.isZero()) {
        throw new IllegalArgumentException(
            "exchangeTimeout must be positive, was " + exchangeTimeout);
      }
    }
  }

  private final String name;
  private final HttpServer server;
  private final ThreadPoolExecutor pool;
  private final ScheduledThreadPoolExecutor watchdog;
  private final Limits limits;
  private final AtomicLong timedOut = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - 2_000_000_000L);

  HttpListener(String name, InetSocketAddress bind, Limits limits) throws IOException {
    this.name = Objects.requireNonNull(name, "name");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.server = HttpServer.create(bind, 128);
    this.pool =
        new ThreadPoolExecutor(
            limits.maxThreads(),
            limits.maxThreads(),
            30,
            TimeUnit.SECONDS,
            limits.queue() == 0
                ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(limits.queue()),
            NamedThreads.daemon("cfy-" + name),
            (r, p) -> {
              refused.incrementAndGet();
              warn(
                  "all {} threads busy and the queue full; refused a connection",
                  limits.maxThreads());
              throw new RejectedExecutionException(
                  name + " listener busy"); // the JDK server closes it
            });
    this.watchdog =
        new ScheduledThreadPoolExecutor(1, NamedThreads.daemon("cfy-" + name + "-deadline"));
    pool.allowCoreThreadTimeOut(true);
    watchdog.setRemoveOnCancelPolicy(true);
    server.setExecutor(new DeadlineExecutor());
  }

  void context(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  HttpListener start() {
    server.start();
    return this;
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Exchanges cut off at their deadline so far. */
  long timedOut() {
    return timedOut.get();
  }

  /** Connections refused because every thread was busy. */
  long refused() {
    return refused.get();
  }

  /** Exchanges waiting for a thread. */
  int queued() {
    return pool.getQueue().size();
  }

  /** Threads serving an exchange right now. */
  int active() {
    return pool.getActiveCount();
  }

  private void warn(String message, Object arg) {
    long now = System.nanoTime();
    long last = lastWarning.get();
    if (now - last > 1_000_000_000L && lastWarning.compareAndSet(last, now)) {
      log.warn(
          "HTTP listener {} on port {}: "
              + message
              + " ({} cut off at the {} deadline, {} refused so far)",
          name,
          port(),
          arg,
          timedOut.get(),
          limits.exchangeTimeout(),
          refused.get());
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
    watchdog.shutdownNow();
  }

  /** Runs each exchange with its deadline. */
  private final class DeadlineExecutor implements Executor {
    @Override
    public void execute(Runnable exchange) {
      pool.execute(
          () -> {
            Guard guard = new Guard(Thread.currentThread());
            ScheduledFuture<?> deadline =
                watchdog.schedule(
                    guard::expire, limits.exchangeTimeout().toNanos(), TimeUnit.NANOSECONDS);
            try {
              exchange.run();
            } finally {
              deadline.cancel(false);
              guard.finish();
            }
          });
    }
  }

  /**
   * Interrupts its thread at most once, and only while the exchange runs: {@link #finish} and
   * {@link #expire} hold the same lock, and {@code finish} clears a delivered interrupt, so no
   * interrupt leaks into the next exchange the pooled thread serves.
   */
  private final class Guard {
    private final Thread thread;
    private boolean running = true;

    Guard(Thread thread) {
      this.thread = thread;
    }

    synchronized void expire() {
      if (running) {
        running = false;
        timedOut.incrementAndGet();
        thread.interrupt();
        warn("closed a connection still busy after {}", limits.exchangeTimeout());
      }
    }

    void finish() {
      synchronized (this) {
        running = false;
      }
      Thread.interrupted(); // clear an interrupt that arrived after the exchange's last read
    }
  }
}
