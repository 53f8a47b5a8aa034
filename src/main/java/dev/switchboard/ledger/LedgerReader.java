package dev.switchboard.ledger;

import dev.switchboard.attempt.Attempt;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Read side of the ledger. Blocking: call it off the event loop. */
public interface LedgerReader {
  /**
   * Successful rows (2xx status, no error code) with a served model in {@code [from, to)}, summed
   * per model and ordered by total tokens descending, then model name.
   */
  List<ModelUsage> usageByModel(Instant from, Instant to);

  /**
   * Every row the query selects (failed and blocked requests included, so the costs add up to what
   * keys were charged), summed per group: ordered by cost descending then group value, or by date
   * ascending for {@link SpendGroup#DAY}. Sums are exact; a sum past a long fails.
   */
  List<SpendRow> spend(SpendQuery query);

  Optional<UsageRecord> find(String id);

  /**
   * The attempts of the request with generation id {@code id}, in order; empty when it made none
   * (or recorded none) or there is no such request.
   */
  List<Attempt> attempts(String id);

  /** The newest rows first, at most {@code limit}. */
  List<UsageRecord> recent(int limit);

  /**
   * The request log: the rows last written first, at most {@code limit}; only key {@code keyId}'s
   * when present; only rows written after the row of generation id {@code afterId} when present
   * (none when there is no such row).
   */
  List<UsageRecord> log(int limit, Optional<String> keyId, Optional<String> afterId);

  /**
   * The exact sum of the costs of key {@code keyId}'s rows at or after {@code from} (every row,
   * failed ones included: what the key was charged), only those of session {@code sessionId} when
   * given. Seeds budget windows.
   */
  long spentMicros(String keyId, Instant from, Optional<String> sessionId);
}
