package dev.switchboard.budget;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Ledger rows kept in a list, summed the way the real ledger reader sums them. */
final class TestLedger implements LedgerSpend {
  record Row(String keyId, Instant at, Optional<String> sessionId, long costMicros) {}

  private final ConcurrentLinkedQueue<Row> rows = new ConcurrentLinkedQueue<>();

  void add(String keyId, Instant at, Optional<String> sessionId, long costMicros) {
    rows.add(new Row(keyId, at, sessionId, costMicros));
  }

  @Override
  public long spentMicros(String keyId, Instant from, Optional<String> sessionId) {
    return rows.stream()
        .filter(r -> r.keyId().equals(keyId) && !r.at().isBefore(from))
        .filter(r -> sessionId.isEmpty() || sessionId.equals(r.sessionId()))
        .mapToLong(Row::costMicros)
        .sum();
  }
}
