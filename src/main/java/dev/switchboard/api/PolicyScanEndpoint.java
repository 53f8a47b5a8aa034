package dev.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.account.ApiKey;
import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.config.Config;
import dev.switchboard.policy.PolicyDecision;
import dev.switchboard.policy.ScanReport;
import dev.switchboard.policy.SourcingPolicy;
import dev.switchboard.routing.RoutePlanner;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code POST /api/v1/policy/scan}: what the sourcing policy would do with a chat request (either
 * format) from the calling key, and where it could go, without calling any provider. The body is
 * read as Anthropic's when {@code ?format=anthropic} or an {@code anthropic-version} header says
 * so, as OpenAI's for {@code ?format=openai}, else in the format it looks like; errors come in that
 * format.
 */
final class PolicyScanEndpoint implements Handler<RoutingContext> {
  private final Vertx vertx;
  private final SourcingPolicy policy;
  private final RoutePlanner planner;
  private final RouteFormats formats;
  private final IngressReader reader;

  PolicyScanEndpoint(
      Vertx vertx,
      SourcingPolicy policy,
      RoutePlanner planner,
      RouteFormats formats,
      KeyAuthenticator keys,
      Config.Server http) {
    this.vertx = vertx;
    this.policy = policy;
    this.planner = planner;
    this.formats = formats;
    this.reader = new IngressReader(vertx, keys, http.maxBodyBytes());
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Optional<String> asked = askedFormat(request);
    WireFormat[] format = {named(asked.orElse("openai"))};
    reader
        .read(request)
        .compose(
            received -> {
              IngressRequest ingress = received.request();
              format[0] = named(asked.orElseGet(() -> ScanReport.guessFormat(ingress.body())));
              ApiKey key = received.key();
              return vertx.executeBlocking(() -> scan(format[0], ingress, key), false);
            })
        .onSuccess(body -> Replies.json(ctx.response(), 200, body))
        .onFailure(error -> Replies.refuse(request, format[0], Failures.logged(error)));
  }

  private byte[] scan(WireFormat format, IngressRequest ingress, ApiKey key) {
    ChatRequest parsed;
    try {
      parsed = format.parseRequest(ingress);
    } catch (WireException e) {
      throw GatewayError.builder(ErrorKind.INVALID_REQUEST, e.getMessage())
          .param(e.param())
          .build();
    }
    PolicyDecision decision =
        policy.decide(parsed, key.dataClass(), ingress.header(SourcingPolicy.HEADER), key.id());
    JsonNode report = ScanReport.explain(parsed, decision, planner);
    return Json.bytes(report);
  }

  /** The format the client names: {@code ?format=}, or Anthropic's version header. */
  private static Optional<String> askedFormat(HttpServerRequest request) {
    String asked = request.getParam("format");
    if (asked != null) {
      return Optional.of(asked.equals("anthropic") ? "anthropic" : "openai");
    }
    return request.getHeader("anthropic-version") != null
        ? Optional.of("anthropic")
        : Optional.empty();
  }

  private WireFormat named(String name) {
    return formats.all().stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElse(formats.all().getFirst());
  }
}
