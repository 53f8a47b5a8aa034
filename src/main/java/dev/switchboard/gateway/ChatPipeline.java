package dev.switchboard.gateway;

import dev.switchboard.account.ApiKey;
import dev.switchboard.policy.Action;
import dev.switchboard.policy.PolicyDecision;
import dev.switchboard.provider.UpstreamClient;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The hot path after the edge authenticated the key and read the body, in DESIGN.md's order: parse,
 * admit, plan, then execute (stream or unary) and settle. Runs on an event loop and never blocks
 * it.
 */
public final class ChatPipeline {
  private final AutoRouting routing;
  private final PolicyGate policy;
  private final UpstreamClient upstream;
  private final Admission admission;
  private final Settlement settlement;
  private final Idempotency idempotency;
  private final Recovery recovery;
  private final boolean forwardSimFault;

  /**
   * {@code sourcing}: the sourcing policy and the planner it narrows; {@code recovery}: retries,
   * timeouts and who hears of each attempt; {@code forwardSimFault}: pass a client's x-sim-fault
   * header to the first attempt (demo).
   */
  public ChatPipeline(
      Sourcing sourcing,
      UpstreamClient upstream,
      Accounting accounting,
      Idempotency idempotency,
      Recovery recovery,
      boolean forwardSimFault) {
    this.routing = sourcing.routing();
    this.policy = sourcing.policy();
    this.upstream = upstream;
    this.admission = accounting.admission();
    this.settlement = accounting.settlement();
    this.idempotency = idempotency;
    this.recovery = recovery;
    this.forwardSimFault = forwardSimFault;
  }

  /**
   * Completes once every request this pipeline ran has ended and has its ledger row answered: after
   * the server stopped accepting, before its event loop closes.
   */
  public Future<Void> settled() {
    return settlement.settled();
  }

  /**
   * Runs one request sent in the {@code ingress} format by the owner of {@code key}. Answers the
   * client through {@code client} in every case but a throw, which the caller answers.
   */
  public void run(WireFormat ingress, IngressRequest request, ApiKey key, ClientChannel client) {
    settlement.track(client);
    ChatRequest parsed;
    try {
      parsed = ingress.parseRequest(withKeyDefaults(request, key));
    } catch (WireException e) {
      client.reject(
          GatewayError.builder(ErrorKind.INVALID_REQUEST, e.getMessage()).param(e.param()).build());
      return;
    }
    UpstreamOverrides.check(parsed, request.headers());
    policy.decide(
        parsed,
        key,
        request,
        verdict -> classified(ingress, request, key, verdict, client),
        client::reject);
  }

  /** A body that names no model asks for the key's default model, when it has one. */
  private static IngressRequest withKeyDefaults(IngressRequest request, ApiKey key) {
    return key.rules().defaultModel().map(request::withDefaultModel).orElse(request);
  }

  private void classified(
      WireFormat ingress,
      IngressRequest request,
      ApiKey key,
      PolicyGate.Verdict verdict,
      ClientChannel client) {
    Optional<String> simFault =
        forwardSimFault ? SimFaultHeader.of(request.headers()) : Optional.empty();
    ChatCall call;
    try {
      call = new ChatCall(GenerationIds.next(), key, verdict.request(), ingress, request, simFault);
    } catch (GatewayError malformedSession) {
      client.reject(malformedSession);
      return;
    }
    PolicyDecision decision = verdict.decision();
    call.classified(decision, verdict.restorer());
    if (decision.action() == Action.BLOCK) {
      client.header(ClientChannel.GENERATION_ID, call.generationId);
      GatewayError blocked = decision.blocked();
      settlement.fail(call, blocked, "").onComplete(ignored -> client.reject(blocked));
      return;
    }
    idempotency.guard(request, call, client, claim -> execute(call, client, claim));
  }

  private void execute(ChatCall call, ClientChannel client, Idempotency.Claim claim) {
    client.header(ClientChannel.GENERATION_ID, call.generationId);
    routing
        .plan(call)
        .compose(planned -> admission.admit(call, planned, client))
        .onSuccess(hold -> start(call, client, claim, hold))
        .onFailure(error -> refuse(call, client, claim, asGatewayError(error)));
  }

  private void refuse(
      ChatCall call, ClientChannel client, Idempotency.Claim claim, GatewayError error) {
    settlement
        .fail(call, error, "")
        .eventually(claim::release)
        .onComplete(ignored -> client.reject(error));
  }

  private void start(ChatCall call, ClientChannel client, Idempotency.Claim claim, KeyHold hold) {
    call.admitted(hold);
    recovery.budget().deposit();
    Attempts attempts = new Attempts(call, hold.routes(), recovery);
    if (call.request.stream()) {
      new StreamRelay(call, attempts, upstream, settlement, recovery, client).start();
    } else {
      new UnaryExchange(call, attempts, upstream, settlement, recovery, client)
          .remembering(claim)
          .start();
    }
  }

  private static GatewayError asGatewayError(Throwable error) {
    return error instanceof GatewayError known
        ? known
        : GatewayError.builder(ErrorKind.INTERNAL, "the request could not be admitted")
            .cause(error)
            .build();
  }
}
