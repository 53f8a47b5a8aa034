package dev.switchboard.sim;

import java.time.Duration;

/**
 * How a {@link SimProvider} listens and paces its answers. Port 0 picks a free port; {@code
 * tokensPerSecond} 0 streams as fast as the socket allows; the seed fixes every generated answer.
 */
public record SimOptions(
    String host, int port, Duration firstTokenLatency, int tokensPerSecond, long seed) {

  public SimOptions {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be within 0..65535: " + port);
    }
    if (firstTokenLatency.isNegative()) {
      throw new IllegalArgumentException("firstTokenLatency cannot be negative");
    }
    if (tokensPerSecond < 0) {
      throw new IllegalArgumentException("tokensPerSecond cannot be negative");
    }
  }

  /** Loopback, a free port, no latency, no pacing, seed 42: what tests want. */
  public static SimOptions defaults() {
    return new SimOptions("127.0.0.1", 0, Duration.ZERO, 0, 42);
  }

  /** Loopback, a free port, 300 ms to the first token and 80 tokens/s: feels like a real model. */
  public static SimOptions demo() {
    return new SimOptions("127.0.0.1", 0, Duration.ofMillis(300), 80, 42);
  }
}
