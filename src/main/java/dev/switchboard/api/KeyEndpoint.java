package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.account.ApiKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@code GET /api/v1/key}: the calling key (admin keys too) as OpenRouter shows it: limit,
 * remaining, usage today, this week and this month, rules. With a session id ({@code ?session_id=},
 * or the {@code x-session-id} or {@code x-claude-code-session-id} header) it adds that session's
 * spend when the usage source knows it.
 */
final class KeyEndpoint implements BiFunction<RoutingContext, ApiKey, Future<byte[]>> {
  static final List<String> SESSION_HEADERS = List.of("x-session-id", "x-claude-code-session-id");

  private final Vertx vertx;
  private final KeyUsageSource usage;

  KeyEndpoint(Vertx vertx, KeyUsageSource usage) {
    this.vertx = vertx;
    this.usage = usage;
  }

  @Override
  public Future<byte[]> apply(RoutingContext ctx, ApiKey key) {
    Optional<String> session = sessionId(ctx.request());
    return Future.fromCompletionStage(
        usage
            .usage(key, session)
            .thenApply(
                u -> {
                  ObjectNode data = KeyJson.of(key, u, Instant.now());
                  if (session.isPresent() && u.sessionMicros().isPresent()) {
                    data.putObject("session")
                        .put("id", session.get())
                        .put("usage", KeyJson.usd(u.sessionMicros().getAsLong()));
                  }
                  return KeyJson.wrapped(data);
                }),
        vertx.getOrCreateContext());
  }

  static Optional<String> sessionId(HttpServerRequest request) {
    String param = request.getParam("session_id");
    if (param != null && !param.isBlank()) {
      return Optional.of(param);
    }
    for (String header : SESSION_HEADERS) {
      String value = request.getHeader(header);
      if (value != null && !value.isBlank()) {
        return Optional.of(value.strip());
      }
    }
    return Optional.empty();
  }
}
