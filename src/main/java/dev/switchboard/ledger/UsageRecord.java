package dev.switchboard.ledger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one client request used and cost: the ledger row. {@code id} is the generation id and is
 * unique in the ledger; {@code at} is kept at millisecond resolution (the constructor truncates, so
 * a row read back equals the row written); tokens and cost are never negative. {@code servedModel}
 * is the catalog id, {@code providerModel} the provider's own name for it, as its answer said.
 * Token counts follow {@link dev.switchboard.wire.Usage}: cache reads ({@code cachedTokens}) and
 * cache writes (5-minute and 1-hour lifetimes) are part of {@code promptTokens}. {@code handling}
 * is what the sourcing policy decided ({@link DataHandling#NONE} without a policy).
 */
public record UsageRecord(
    String id,
    Instant at,
    String keyId,
    String requestedModel,
    Optional<String> servedModel,
    Optional<String> provider,
    long promptTokens,
    long completionTokens,
    long cachedTokens,
    long cacheWrite5mTokens,
    long cacheWrite1hTokens,
    long reasoningTokens,
    boolean estimated,
    long costMicros,
    long latencyMs,
    OptionalLong ttftMs,
    boolean stream,
    int status,
    Optional<String> errorCode,
    Optional<String> providerModel,
    DataHandling handling) {

  /** A row made without a sourcing policy: {@link DataHandling#NONE}. */
  public UsageRecord(
      String id,
      Instant at,
      String keyId,
      String requestedModel,
      Optional<String> servedModel,
      Optional<String> provider,
      long promptTokens,
      long completionTokens,
      long cachedTokens,
      long cacheWrite5mTokens,
      long cacheWrite1hTokens,
      long reasoningTokens,
      boolean estimated,
      long costMicros,
      long latencyMs,
      OptionalLong ttftMs,
      boolean stream,
      int status,
      Optional<String> errorCode,
      Optional<String> providerModel) {
    this(
        id,
        at,
        keyId,
        requestedModel,
        servedModel,
        provider,
        promptTokens,
        completionTokens,
        cachedTokens,
        cacheWrite5mTokens,
        cacheWrite1hTokens,
        reasoningTokens,
        estimated,
        costMicros,
        latencyMs,
        ttftMs,
        stream,
        status,
        errorCode,
        providerModel,
        DataHandling.NONE);
  }

  public UsageRecord {
    if (id.isBlank()) {
      throw new IllegalArgumentException("a usage record needs a generation id");
    }
    at = at.truncatedTo(ChronoUnit.MILLIS);
    requireNonNegative("promptTokens", promptTokens);
    requireNonNegative("completionTokens", completionTokens);
    requireNonNegative("cachedTokens", cachedTokens);
    requireNonNegative("cacheWrite5mTokens", cacheWrite5mTokens);
    requireNonNegative("cacheWrite1hTokens", cacheWrite1hTokens);
    requireNonNegative("reasoningTokens", reasoningTokens);
    requireNonNegative("costMicros", costMicros);
  }

  /** The same row with the sourcing policy's decision. */
  public UsageRecord withHandling(DataHandling handling) {
    return new UsageRecord(
        id,
        at,
        keyId,
        requestedModel,
        servedModel,
        provider,
        promptTokens,
        completionTokens,
        cachedTokens,
        cacheWrite5mTokens,
        cacheWrite1hTokens,
        reasoningTokens,
        estimated,
        costMicros,
        latencyMs,
        ttftMs,
        stream,
        status,
        errorCode,
        providerModel,
        handling);
  }

  /**
   * Prompt plus completion tokens (cached, cache-write and reasoning tokens are already counted
   * inside those).
   */
  public long totalTokens() {
    return Math.addExact(promptTokens, completionTokens);
  }

  private static void requireNonNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " cannot be negative: " + value);
    }
  }

  /**
   * The reservation this row settles. Stand-in for the storage helper's record component (issue 10
   * contract): always empty here.
   */
  public Optional<String> reservationId() {
    return Optional.empty();
  }
}
