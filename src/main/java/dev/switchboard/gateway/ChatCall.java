package dev.switchboard.gateway;

import dev.switchboard.account.ApiKey;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.WireFormat;
import java.time.Instant;
import java.util.List;
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

  /** The path the client asked, without its query: for the log line. */
  final String route;

  final Instant startedAt = Instant.now();
  private final long startNanos = System.nanoTime();
  private long firstTokenNanos;
  private final Optional<String> simFault;
  private Optional<Route> served = Optional.empty();
  private int attempt;
  private Optional<String> providerModel = Optional.empty();
  private List<String> dropped = List.of();

  /** {@code simFault}: the client's x-sim-fault header, when this gateway forwards it (demo). */
  ChatCall(
      String generationId,
      ApiKey key,
      ChatRequest request,
      WireFormat ingress,
      String route,
      Optional<String> simFault) {
    this.generationId = generationId;
    this.key = key;
    this.request = request;
    this.ingress = ingress;
    this.route = route;
    this.simFault = simFault;
  }

  void attempting(Route route) {
    served = Optional.of(route);
    attempt++;
  }

  /**
   * The simulator fault for the attempt in progress: the first one only, so the next provider
   * answers and the fallback can be watched.
   */
  Optional<String> simFault() {
    return attempt == 1 ? simFault : Optional.empty();
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

  /** The client's fields the serving format could not carry and harmlessly left out. */
  void dropped(List<String> fields) {
    dropped = List.copyOf(fields);
  }

  List<String> dropped() {
    return dropped;
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
