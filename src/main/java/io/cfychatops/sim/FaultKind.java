package io.cfychatops.sim;

/** The faults the random error-rate knob picks from. None of them has a JSON body. */
public enum FaultKind {
  /** nginx 502 Bad Gateway HTML page. */
  BAD_GATEWAY_502,
  /** nginx 503 Service Temporarily Unavailable HTML page (what its rate limiter sends). */
  UNAVAILABLE_503,
  /** Connection closed without a response. */
  DROP_CONNECTION,
  /** The response is delayed by {@link SimulatorConfig#slowResponseDelay()} (real time) first. */
  SLOW_RESPONSE
}
