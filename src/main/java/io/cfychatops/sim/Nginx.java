package io.cfychatops.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The nginx in front of the REST service, and its fault knobs: the REST outage (502 HTML page or a
 * dropped connection), the rate limit (503 HTML page), random faults and latency. Knobs are
 * thread-safe and take effect on the next request.
 */
final class Nginx {
  private final SimState state;
  private final Object rateLock = new Object();
  private long rateWindow = Long.MIN_VALUE;
  private int rateCount;
  private final AtomicInteger slowInFlight = new AtomicInteger();
  private volatile Duration latency;
  private volatile double errorRate;
  private volatile List<FaultKind> faultKinds;
  private volatile Duration slowResponseDelay;
  private volatile int rateLimitPerSecond;

  Nginx(SimulatorConfig cfg, SimState state) {
    this.state = state;
    setLatency(cfg.latency());
    setErrorRate(cfg.errorRate());
    setFaultKinds(cfg.faultKinds());
    setSlowResponseDelay(cfg.slowResponseDelay());
    setRateLimitPerSecond(cfg.rateLimitPerSecond());
  }

  /** Answers {@code ex} itself (or drops it) and returns false, or returns true to pass it on. */
  boolean pass(HttpExchange ex, Instant now) throws IOException, InterruptedException {
    OutageMode outage = state.outageAt(now);
    if (outage != null) {
      if (outage == OutageMode.HTTP_502_HTML) {
        Http.html(ex, 502, "502 Bad Gateway");
      }
      // DROP_CONNECTIONS: the caller closes the exchange before any header is sent, which closes
      // the socket.
      return false;
    }
    if (rateLimited(now)) {
      Http.html(ex, 503, "503 Service Temporarily Unavailable");
      return false;
    }
    double rate = errorRate;
    if (rate > 0 && state.nextRandom() < rate) {
      List<FaultKind> kinds = faultKinds;
      switch (kinds.get(state.nextInt(kinds.size()))) {
        case BAD_GATEWAY_502 -> {
          Http.html(ex, 502, "502 Bad Gateway");
          return false;
        }
        case UNAVAILABLE_503 -> {
          Http.html(ex, 503, "503 Service Temporarily Unavailable");
          return false;
        }
        case DROP_CONNECTION -> {
          return false; // closed by the caller without a response
        }
        case SLOW_RESPONSE -> {
          slowInFlight.incrementAndGet();
          try {
            Thread.sleep(slowResponseDelay.toMillis());
          } finally {
            slowInFlight.decrementAndGet();
          }
        }
      }
    }
    Duration lat = latency;
    if (!lat.isZero()) {
      Thread.sleep(lat.toMillis());
    }
    return true;
  }

  int slowInFlight() {
    return slowInFlight.get();
  }

  void setLatency(Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("latency must be >= 0, got " + d);
    }
    latency = d;
  }

  Duration latency() {
    return latency;
  }

  void setErrorRate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("error rate must be within 0.0..1.0, got " + rate);
    }
    errorRate = rate;
  }

  double errorRate() {
    return errorRate;
  }

  void setFaultKinds(Set<FaultKind> kinds) {
    if (kinds == null || kinds.isEmpty()) {
      throw new IllegalArgumentException("fault kinds must not be empty, got " + kinds);
    }
    faultKinds = List.copyOf(EnumSet.copyOf(kinds));
  }

  void setSlowResponseDelay(Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("slow response delay must be >= 0, got " + d);
    }
    slowResponseDelay = d;
  }

  void setRateLimitPerSecond(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("rate limit must be >= 0, got " + limit);
    }
    rateLimitPerSecond = limit;
  }

  private boolean rateLimited(Instant now) {
    int limit = rateLimitPerSecond;
    if (limit <= 0) {
      return false;
    }
    synchronized (rateLock) {
      long second = now.getEpochSecond();
      if (second != rateWindow) {
        rateWindow = second;
        rateCount = 0;
      }
      return ++rateCount > limit;
    }
  }
}
