package dev.switchboard.config;

import java.time.Duration;

/**
 * What one client connection may hold. {@code requestTimeout} runs from a request's head to the end
 * of its body; {@code idleTimeout} is how long a connection may go without a request in progress,
 * which also bounds a request head that never completes; {@code maxHeaderBytes} bounds the request
 * line and the header section, each; {@code writeTimeout} is how long a stream client may leave its
 * socket unwritable (not reading) before it is cut loose and its upstream connection released.
 */
public record ClientLimits(
    Duration requestTimeout, Duration idleTimeout, int maxHeaderBytes, Duration writeTimeout) {
  /** 60 s to send a request, 60 s idle, 16 KiB of headers, 30 s without reading. */
  public static ClientLimits defaults() {
    return new ClientLimits(
        Duration.ofSeconds(60), Duration.ofSeconds(60), 16 * 1024, Duration.ofSeconds(30));
  }

  /** The same limits with another write timeout. */
  public ClientLimits withWriteTimeout(Duration replacement) {
    return new ClientLimits(requestTimeout, idleTimeout, maxHeaderBytes, replacement);
  }
}
