package dev.switchboard.api;

import dev.switchboard.account.ApiKey;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.WireFormat;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One client request on its way through the pipeline: who asked, for what, and when things
 * happened.
 */
final class ChatCall {
  final String generationId;
  final ApiKey key;
  final ChatRequest request;
  final WireFormat ingress;
  final Instant startedAt = Instant.now();
  private final long startNanos = System.nanoTime();
  private long firstTokenNanos;
  private Optional<Route> served = Optional.empty();
  private Optional<String> providerModel = Optional.empty();

  ChatCall(String generationId, ApiKey key, ChatRequest request, WireFormat ingress) {
    this.generationId = generationId;
    this.key = key;
    this.request = request;
    this.ingress = ingress;
  }

  void attempting(Route route) {
    served = Optional.of(route);
  }

  Optional<Route> route() {
    return served;
  }

  /** The provider named the model that answers this way (its own name, not the catalog id). */
  void answeredAs(String model) {
    providerModel = model.isEmpty() ? Optional.empty() : Optional.of(model);
  }

  Optional<String> providerModel() {
    return providerModel;
  }

  void firstToken() {
    if (firstTokenNanos == 0) {
      firstTokenNanos = System.nanoTime();
    }
  }

  long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  OptionalLong timeToFirstTokenMs() {
    return firstTokenNanos == 0
        ? OptionalLong.empty()
        : OptionalLong.of((firstTokenNanos - startNanos) / 1_000_000);
  }
}
