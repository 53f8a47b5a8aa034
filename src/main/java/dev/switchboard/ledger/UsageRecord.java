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
 * is what the sourcing policy decided ({@link DataHandling#NONE} without a policy). {@code
 * sessionId} is the client's session (an agent run) the request belongs to, when it named one;
 * {@code reservationId} the budget reservation its cost settles, when the key has a money limit.
 * {@code app} is the client application that sent it (a site's title or URL, or a User-Agent family
 * such as {@code Claude Code}), when known; {@code category} the task category the classifier gave
 * its prompt ({@code programming}, {@code chat}, ...), when classified; {@code router} what the
 * auto router picked, for a request of {@code switchboard/auto}.
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
    DataHandling handling,
    Optional<String> sessionId,
    Optional<String> reservationId,
    Optional<String> app,
    Optional<String> category,
    Optional<RouterPick> router) {

  /**
   * A row with nothing but its usage: no sourcing policy ({@link DataHandling#NONE}), session,
   * reservation, app, category or router pick; {@link #labelled} or the {@code with} methods add
   * them.
   */
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
        DataHandling.NONE,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
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
  public UsageRecord withHandling(DataHandling replacement) {
    return labelled(replacement, sessionId, reservationId, app, category, router);
  }

  /** The same row in the client's session {@code session} (an agent run). */
  public UsageRecord withSessionId(Optional<String> session) {
    return labelled(handling, session, reservationId, app, category, router);
  }

  /** The same row settling the budget reservation {@code reservation}. */
  public UsageRecord withReservationId(Optional<String> reservation) {
    return labelled(handling, sessionId, reservation, app, category, router);
  }

  /** The same row attributed to the app {@code sender}, in the task category {@code task}. */
  public UsageRecord withInsight(Optional<String> sender, Optional<String> task) {
    return labelled(handling, sessionId, reservationId, sender, task, router);
  }

  /**
   * The same usage with every label at once: the sourcing policy's decision, the session, the
   * budget reservation, the app, the task category and the auto router's pick.
   */
  public UsageRecord labelled(
      DataHandling newHandling,
      Optional<String> newSession,
      Optional<String> newReservation,
      Optional<String> newApp,
      Optional<String> newCategory,
      Optional<RouterPick> newRouter) {
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
        newHandling,
        newSession,
        newReservation,
        newApp,
        newCategory,
        newRouter);
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
}
