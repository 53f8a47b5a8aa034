package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.health.Readiness;
import dev.switchboard.wire.Json;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /health/ready}: 200 {@code {"status":"ready"}} while the database and Redis answer,
 * else 503 {@code {"status":"degraded","problems":[...]}}, naming each that does not. No key
 * needed, as for {@code /health}: probes and load balancers call it.
 */
final class ReadyEndpoint {
  private ReadyEndpoint() {}

  static void answer(RoutingContext ctx, Readiness readiness) {
    List<String> problems = readiness.problems();
    ObjectNode body = Json.object();
    body.put("status", problems.isEmpty() ? "ready" : "degraded");
    if (!problems.isEmpty()) {
      problems.forEach(body.putArray("problems")::add);
    }
    Replies.json(ctx.response(), problems.isEmpty() ? 200 : 503, Json.bytes(body));
  }
}
