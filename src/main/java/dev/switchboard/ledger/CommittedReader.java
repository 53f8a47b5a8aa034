package dev.switchboard.ledger;

import dev.switchboard.attempt.Attempt;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A reader that first waits for the writer to commit every row already answered: a row is durable
 * (and its response sent) before its commit, and whoever reads the ledger after a response, a
 * client asking for its generation or a budget seeding its window, must find that row.
 */
public final class CommittedReader implements LedgerReader {
  private final LedgerReader reader;
  private final Supplier<CompletableFuture<Void>> flushed;

  /** Reads with {@code reader} once {@code flushed} (the writer's {@link LedgerWriter#flushed}). */
  public CommittedReader(LedgerReader reader, Supplier<CompletableFuture<Void>> flushed) {
    this.reader = reader;
    this.flushed = flushed;
  }

  private LedgerReader flushed() {
    flushed.get().exceptionally(failure -> null).join();
    return reader;
  }

  @Override
  public List<ModelUsage> usageByModel(Instant from, Instant to) {
    return flushed().usageByModel(from, to);
  }

  @Override
  public List<SpendRow> spend(SpendQuery query) {
    return flushed().spend(query);
  }

  @Override
  public Optional<UsageRecord> find(String id) {
    Optional<UsageRecord> found = reader.find(id);
    // Most lookups are of rows long committed: only a miss waits for the writer.
    return found.isPresent() ? found : flushed().find(id);
  }

  @Override
  public List<Attempt> attempts(String id) {
    return flushed().attempts(id);
  }

  @Override
  public List<UsageRecord> recent(int limit) {
    return flushed().recent(limit);
  }

  @Override
  public List<UsageRecord> log(int limit, Optional<String> keyId, Optional<String> afterId) {
    return flushed().log(limit, keyId, afterId);
  }

  @Override
  public long spentMicros(String keyId, Instant from, Optional<String> sessionId) {
    return flushed().spentMicros(keyId, from, sessionId);
  }
}
