package dev.switchboard.insight.rollup;

import dev.switchboard.ledger.UsageRecord;

/**
 * The sums one rollup row keeps: requests and errors, tokens by kind, exact cost, latency (sum and
 * buckets) and estimated energy in microwatt-hours. Mutable: a batch adds its rows, then it is
 * written once.
 */
public final class Measures {
  long requests;
  long errors;
  long promptTokens;
  long completionTokens;
  long cachedTokens;
  long cacheWrite5mTokens;
  long cacheWrite1hTokens;
  long reasoningTokens;
  long costMicros;
  long latencyMsSum;
  long energyUwh;
  final long[] latencyBuckets = new long[LatencyBuckets.COUNT];

  /** Adds one ledger row and its estimated energy. */
  void add(UsageRecord row, long rowEnergyUwh) {
    requests++;
    if (failed(row)) {
      errors++;
    }
    promptTokens = Math.addExact(promptTokens, row.promptTokens());
    completionTokens = Math.addExact(completionTokens, row.completionTokens());
    cachedTokens = Math.addExact(cachedTokens, row.cachedTokens());
    cacheWrite5mTokens = Math.addExact(cacheWrite5mTokens, row.cacheWrite5mTokens());
    cacheWrite1hTokens = Math.addExact(cacheWrite1hTokens, row.cacheWrite1hTokens());
    reasoningTokens = Math.addExact(reasoningTokens, row.reasoningTokens());
    costMicros = Math.addExact(costMicros, row.costMicros());
    latencyMsSum = Math.addExact(latencyMsSum, Math.max(0, row.latencyMs()));
    energyUwh = Math.addExact(energyUwh, rowEnergyUwh);
    latencyBuckets[LatencyBuckets.of(row.latencyMs())]++;
  }

  /** A request that did not succeed: a non-2xx status or an error code. */
  static boolean failed(UsageRecord row) {
    return row.status() < 200 || row.status() > 299 || row.errorCode().isPresent();
  }

  /**
   * The values in the rollup table's column order after the key columns: requests, errors, prompt,
   * completion, cached, cache writes 5m and 1h, reasoning, cost, latency sum, energy, then the
   * latency buckets.
   */
  public long[] columns() {
    long[] values = new long[11 + LatencyBuckets.COUNT];
    long[] head = {
      requests,
      errors,
      promptTokens,
      completionTokens,
      cachedTokens,
      cacheWrite5mTokens,
      cacheWrite1hTokens,
      reasoningTokens,
      costMicros,
      latencyMsSum,
      energyUwh
    };
    System.arraycopy(head, 0, values, 0, head.length);
    System.arraycopy(latencyBuckets, 0, values, head.length, LatencyBuckets.COUNT);
    return values;
  }
}
