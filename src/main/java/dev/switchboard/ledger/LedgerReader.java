package dev.switchboard.ledger;

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

  Optional<UsageRecord> find(String id);

  /** The newest rows first, at most {@code limit}. */
  List<UsageRecord> recent(int limit);
}
