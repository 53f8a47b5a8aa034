package dev.switchboard.gateway;

import dev.switchboard.account.ApiKey;
import dev.switchboard.policy.PolicyDecision;
import dev.switchboard.policy.SourcingPolicy;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Classes each request under the sourcing policy without stalling an event loop: a small body is
 * scanned in place (tens of microseconds), a large one on a worker thread, and the pipeline goes on
 * on its event loop either way.
 */
public final class PolicyGate {
  /** Above this body size the scan leaves the event loop (about 2 ms of scanning). */
  static final int OFFLOAD_BYTES = 64 * 1024;

  private final SourcingPolicy policy;
  private final Vertx vertx;

  public PolicyGate(SourcingPolicy policy, Vertx vertx) {
    this.policy = policy;
    this.vertx = vertx;
  }

  /**
   * Classes {@code request} from {@code key}, sent as {@code ingress}, then calls {@code then} with
   * the decision, or {@code failed} with the 400 of a bad X-Data-Class header.
   */
  void decide(
      ChatRequest request,
      ApiKey key,
      IngressRequest ingress,
      Consumer<PolicyDecision> then,
      Consumer<GatewayError> failed) {
    Optional<String> header = ingress.header(SourcingPolicy.HEADER);
    if (!policy.scans() || ingress.body().length <= OFFLOAD_BYTES) {
      PolicyDecision decision;
      try {
        decision = policy.decide(request, key.dataClass(), header);
      } catch (GatewayError e) {
        failed.accept(e);
        return;
      }
      then.accept(decision);
      return;
    }
    vertx
        .executeBlocking(() -> policy.decide(request, key.dataClass(), header), false)
        .onSuccess(then::accept)
        .onFailure(
            error -> {
              if (error instanceof GatewayError e) {
                failed.accept(e);
              } else {
                // decide() fails closed itself; anything else is a bug, answered as one.
                failed.accept(GatewayError.of(ErrorKind.INTERNAL, "the data policy check failed"));
              }
            });
  }
}
