package dev.switchboard.health;

/**
 * What the tracker keeps a histogram of, each in its own unit so that its useful range fits {@link
 * LogBins}: time to first token from 2 ms to about 100 s (past most first-token timeouts), total
 * latency from 8 ms to about 7 minutes, throughput from 0.5 to about 26,000 tokens a second.
 */
enum Measure {
  FIRST_TOKEN_MS(2),
  LATENCY_MS(8),
  TOKENS_PER_SECOND(0.5);

  static final Measure[] ALL = values();

  final double unit;

  Measure(double unit) {
    this.unit = unit;
  }

  /** Where this measure's bins start in a slot's array. */
  int offset() {
    return ordinal() * LogBins.COUNT;
  }
}
