package dev.switchboard.gateway;

import dev.switchboard.account.ApiKey;
import dev.switchboard.policy.Action;
import dev.switchboard.policy.PolicyDecision;
import dev.switchboard.policy.SourcingPolicy;
import dev.switchboard.policy.redact.Redaction;
import dev.switchboard.policy.redact.Redactor;
import dev.switchboard.policy.redact.Restorer;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Classes each request under the sourcing policy, and redacts it when its class says so, without
 * stalling an event loop: a small body is scanned in place (microseconds), a large one on a worker
 * thread, and the pipeline goes on on its event loop either way.
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
   * the verdict, or {@code failed} with the 400 of a bad X-Data-Class header.
   */
  void decide(
      ChatRequest request,
      ApiKey key,
      IngressRequest ingress,
      Consumer<Verdict> then,
      Consumer<GatewayError> failed) {
    Optional<String> header = ingress.header(SourcingPolicy.HEADER);
    if (!policy.scans() || ingress.body().length <= OFFLOAD_BYTES) {
      Verdict verdict;
      try {
        verdict = verdict(request, key, header);
      } catch (GatewayError e) {
        failed.accept(e);
        return;
      }
      then.accept(verdict);
      return;
    }
    vertx
        .executeBlocking(() -> verdict(request, key, header), false)
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

  /**
   * The policy's decision, the request to send (its findings replaced by placeholders when the
   * class's action is redact) and what puts the original values back into the answer.
   */
  record Verdict(PolicyDecision decision, ChatRequest request, Restorer restorer) {}

  private Verdict verdict(ChatRequest request, ApiKey key, Optional<String> header) {
    PolicyDecision decision = policy.decide(request, key.dataClass(), header, key.id());
    if (decision.action() != Action.REDACT || decision.findings().isEmpty()) {
      return new Verdict(decision, request, Restorer.none());
    }
    Redaction redaction = Redactor.redact(request, decision.findings());
    return new Verdict(decision, redaction.request(), redaction.restorer());
  }
}
