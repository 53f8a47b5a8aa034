package dev.switchboard.gateway;

import dev.switchboard.account.ApiKey;
import dev.switchboard.attempt.Attempt;
import dev.switchboard.autoroute.AutoChoice;
import dev.switchboard.config.Config;
import dev.switchboard.insight.apps.Apps;
import dev.switchboard.insight.category.Categorizer;
import dev.switchboard.policy.PolicyDecision;
import dev.switchboard.policy.redact.Restorer;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.WireFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

  /** The agent session the request belongs to ({@link SessionIds}). */
  private final Optional<String> sessionId;

  /** The app that sent it ({@link Apps}), for the ledger's insight columns. */
  private final Optional<String> app;

  final Instant startedAt = Instant.now();
  private final long startNanos = System.nanoTime();
  private long firstTokenNanos;
  private final Optional<String> simFault;
  private Optional<Route> served = Optional.empty();
  private Optional<Route> first = Optional.empty();
  private Optional<String> providerModel = Optional.empty();
  private List<String> dropped = List.of();
  private final List<Attempt> attempts = new ArrayList<>(2);
  private PolicyDecision decision = PolicyDecision.UNCLASSIFIED;
  private Restorer restorer = Restorer.none();
  private Optional<KeyHold> hold = Optional.empty();
  private Optional<AutoChoice> auto = Optional.empty();
  private Optional<String> category = Optional.empty();
  private boolean categorized;

  /**
   * {@code request} as parsed from {@code sent}; {@code simFault}: the client's x-sim-fault header,
   * when this gateway forwards it (demo). Throws a 400 GatewayError for a malformed session id.
   */
  ChatCall(
      String generationId,
      ApiKey key,
      ChatRequest request,
      WireFormat ingress,
      IngressRequest sent,
      Optional<String> simFault) {
    this.generationId = generationId;
    this.key = key;
    this.request = request;
    this.ingress = ingress;
    this.route = sent.route();
    this.sessionId = SessionIds.of(request, sent.headers());
    this.app = Apps.of(sent.headers());
    this.simFault = simFault;
  }

  Optional<String> sessionId() {
    return sessionId;
  }

  /** What the auto router picked, for a request of {@code switchboard/auto}. */
  void autoRouted(AutoChoice choice) {
    auto = Optional.of(choice);
  }

  Optional<AutoChoice> auto() {
    return auto;
  }

  Optional<String> app() {
    return app;
  }

  /**
   * The request's task category ({@link Categorizer}): read when its row is written, worked out
   * once (see {@link #categorize}). A classifier that fails on some prompt costs the row its
   * category, never the row.
   */
  Optional<String> category() {
    if (!categorized) {
      category = classified();
      categorized = true;
    }
    return category;
  }

  /**
   * Works the category out ahead, while the provider is answering: the loop would otherwise wait
   * for nothing, and the row it labels is written before the answer's last byte.
   */
  void categorize() {
    category();
  }

  private Optional<String> classified() {
    try {
      return Optional.of(Categorizer.of(request).wireName());
    } catch (RuntimeException e) {
      RequestLog.unlabelled(this, "category", e);
      return Optional.empty();
    }
  }

  /** The request's hold on its key's limits, once admitted. */
  void admitted(KeyHold admitted) {
    hold = Optional.of(admitted);
  }

  Optional<KeyHold> hold() {
    return hold;
  }

  /**
   * The sourcing policy's verdict, set once before the request is planned, and what puts the values
   * it redacted back into the answer.
   */
  void classified(PolicyDecision verdict, Restorer originals) {
    decision = verdict;
    restorer = originals;
  }

  /** Empty unless the request was redacted. */
  Restorer restorer() {
    return restorer;
  }

  PolicyDecision decision() {
    return decision;
  }

  void attempting(Route route) {
    if (served.isEmpty()) {
      first = Optional.of(route);
    }
    served = Optional.of(route);
  }

  /**
   * The simulator fault for the attempt in progress: every try of the first deployment (it
   * misbehaves, retried or not), none of the others, so the next provider answers and the fallback
   * can be watched.
   */
  Optional<String> simFault() {
    return first.isPresent() && served.isPresent() && first.get() == served.get()
        ? simFault
        : Optional.empty();
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

  /** A try ended: the ledger stores the attempts with the row. */
  void attempted(Attempt attempt) {
    attempts.add(attempt);
  }

  /** The tries so far, in order. */
  List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  /** What is left of the request's deadline, which covers every attempt until the answer starts. */
  Duration remaining(Config.Routing routing) {
    return routing.deadline().minusNanos(System.nanoTime() - startNanos);
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
