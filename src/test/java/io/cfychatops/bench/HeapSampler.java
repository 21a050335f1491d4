package io.cfychatops.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/** Samples used heap every few milliseconds on a daemon thread; reports the peak. */
final class HeapSampler implements AutoCloseable {
  private final MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  HeapSampler() {
    System.gc();
    thread =
        new Thread(
            () -> {
              while (running) {
                peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // sample every 5 ms
              }
            },
            "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  long peakBytes() {
    return peak.get();
  }

  static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1048576.0);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
