package dev.switchboard.provider;

import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.time.Duration;
import java.util.Optional;

/** A provider's response whose headers have arrived; the body is still to be read or streamed. */
public record UpstreamExchange(HttpClientRequest request, HttpClientResponse response) {
  public int status() {
    return response.statusCode();
  }

  /** Retry-After in seconds, when the provider sent one. */
  public Optional<Duration> retryAfter() {
    String value = response.getHeader("retry-after");
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Stops the provider's work: resets the stream so an upstream that bills by the token stops generating. */
  public void cancel() {
    request.reset();
  }
}
