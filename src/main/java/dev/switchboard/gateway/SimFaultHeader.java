package dev.switchboard.gateway;

import dev.switchboard.wire.UpstreamCall;
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

  private SimFaultHeader() {}

  /** The client's header, from headers with lower-cased names. */
  static Optional<String> of(Map<String, String> headers) {
    return Optional.ofNullable(headers.get(NAME));
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
