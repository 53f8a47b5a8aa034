package dev.switchboard.api;

import dev.switchboard.wire.UpstreamCall;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator's {@code x-sim-fault} header, passed from a client to the first provider tried when
 * the config says so ({@code upstream.forward_sim_fault_header}, on in the demo only): a real
 * provider never sees it.
 */
final class SimFaultHeader {
  static final String NAME = "x-sim-fault";
  private static final String CAPTURED = "switchboard.sim-fault";

  private SimFaultHeader() {}

  /**
   * A route handler that keeps the client's header for the pipeline, then passes the request on.
   */
  static void capture(RoutingContext ctx) {
    String fault = ctx.request().getHeader(NAME);
    if (fault != null) {
      ctx.put(CAPTURED, fault);
    }
    ctx.next();
  }

  /** The header {@link #capture} kept; empty when the gateway does not forward it. */
  static Optional<String> captured(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(CAPTURED));
  }

  static UpstreamCall addTo(UpstreamCall call, Optional<String> fault) {
    if (fault.isEmpty()) {
      return call;
    }
    Map<String, String> headers = new HashMap<>(call.headers());
    headers.put(NAME, fault.get());
    return new UpstreamCall(call.path(), headers, call.body(), call.auth(), call.stream());
  }
}
