package dev.switchboard.provider;

import java.io.Serial;

/**
 * A call waited longer than {@code upstream.connect_timeout + upstream.pool_wait} for a connection
 * of the pool while no connection attempt failed: every connection the gateway may open to the
 * provider stayed busy. The gateway's limit, not the provider's fault.
 */
final class ConnectionWaitExceeded extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  ConnectionWaitExceeded(long waitedMs) {
    super(
        "no pooled connection to the provider was free within " + waitedMs + " ms",
        null,
        false,
        false);
  }
}
