package dev.switchboard.health;

/**
 * A deployment's attempts over one window: counts, uptime (share of attempts that were not provider
 * faults; NaN with no attempts), time to first token and total latency in milliseconds, and
 * throughput in output tokens per second after the first token.
 */
public record WindowStats(
    long attempts,
    long faults,
    long rateLimited,
    double uptime,
    Percentiles firstTokenMs,
    Percentiles latencyMs,
    Percentiles tokensPerSecond) {

  public static final WindowStats EMPTY =
      new WindowStats(
          0, 0, 0, Double.NaN, Percentiles.UNKNOWN, Percentiles.UNKNOWN, Percentiles.UNKNOWN);

  /** Share of attempts that failed (faults and rate limits); 0 with no attempts. */
  public double errorRate() {
    return attempts == 0 ? 0 : (double) (faults + rateLimited) / attempts;
  }
}
