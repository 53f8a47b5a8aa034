package dev.switchboard.provider;

import dev.switchboard.wire.ProviderError;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * A provider's response whose headers have arrived; the body is still to be read or streamed.
 * Transport failures after that point (reset, or no byte for the idle timeout) reach {@link
 * #onFailure}.
 */
public final class UpstreamExchange {
  private final Vertx vertx;
  private final HttpClientRequest request;
  private final HttpClientResponse response;
  private final long idleNanos;
  private final ProviderSecrets secrets;
  private Handler<Throwable> failureHandler = error -> {};
  private long lastActivity = System.nanoTime();
  private boolean active;
  private long watchdog = -1;
  private long bytes;
  private boolean over;
  private boolean paused;

  UpstreamExchange(
      Vertx vertx,
      HttpClientRequest request,
      HttpClientResponse response,
      Duration idleTimeout,
      ProviderSecrets secrets) {
    this.vertx = vertx;
    this.secrets = secrets;
    this.request = request;
    this.response = response;
    this.idleNanos = idleTimeout.toNanos();
    // From the start: an exchange cancelled before anyone asked for its failures (the client left
    // while the provider was answering) must not leave the reset to Vert.x's SEVERE log.
    response.exceptionHandler(this::failed);
  }

  /**
   * Streams the body: each read goes to {@code data}, then {@code end}; a silent provider fails
   * after the idle timeout.
   */
  public void stream(Handler<Buffer> data, Handler<Void> end) {
    watch();
    response.handler(
        received -> {
          // A flag, not the clock: reading it per chunk costs a syscall on some virtual machines.
          active = true;
          bytes += received.length();
          data.handle(received);
        });
    response.endHandler(
        v -> {
          stop();
          end.handle(null);
        });
  }

  /**
   * The whole body, bounded by the idle timeout like a stream; the first failure is the one
   * reported.
   */
  public Future<Buffer> body() {
    Promise<Buffer> body = Promise.promise();
    onFailure(body::tryFail);
    watch();
    response
        .body()
        .onComplete(
            result -> {
              stop();
              if (result.succeeded()) {
                bytes = result.result().length();
                body.tryComplete(result.result());
              } else {
                failed(result.cause());
              }
            });
    return body.future();
  }

  /**
   * A non-2xx answer as a classified failure: the body is read, stripped of every provider key and
   * decoded by the provider's format; a body that cannot be read is a transport failure.
   */
  public Future<UpstreamFailure> failure(WireFormat format) {
    return body()
        .map(bytes -> relayable(format, secrets.remove(bytes.getBytes())))
        .otherwise(error -> UpstreamFailures.of(error, true))
        .map(secrets::scrub);
  }

  private UpstreamFailure relayable(WireFormat format, byte[] body) {
    return format
        .decodeFailure(status(), retryAfter(), headers(), body)
        .withProviderError(ProviderError.of(format.name(), status(), body));
  }

  /** Back-pressure from a slow client: the provider waits, and that wait is not idleness. */
  public void pause() {
    paused = true;
    response.pause();
  }

  public void resume() {
    paused = false;
    lastActivity = System.nanoTime();
    response.resume();
  }

  private void watch() {
    long period = Math.max(10, idleNanos / 4_000_000);
    watchdog =
        vertx.setPeriodic(
            period,
            id -> {
              long now = System.nanoTime();
              if (active || paused) {
                active = false;
                lastActivity = now;
              } else if (!over && now - lastActivity > idleNanos) {
                // Vert.x's own idle timeout does not cover a response that has begun; this does.
                stop();
                failed(
                    new TimeoutException(
                        "no data from the provider for " + Duration.ofNanos(idleNanos)));
                request.reset();
              }
            });
  }

  private void stop() {
    over = true;
    if (watchdog >= 0) {
      vertx.cancelTimer(watchdog);
    }
  }

  /** The response body bytes received so far (an error body once read counts too). */
  public long bytes() {
    return bytes;
  }

  public int status() {
    return response.statusCode();
  }

  /**
   * Called once for a failure of the exchange after the headers: the response's or the request's
   * (an idle timeout resets the request).
   */
  public void onFailure(Handler<Throwable> handler) {
    this.failureHandler = handler;
    response.exceptionHandler(this::failed);
  }

  void failed(Throwable error) {
    Handler<Throwable> handler = failureHandler;
    // Only the first failure counts: a reset after a timeout reports the timeout.
    failureHandler = ignored -> {};
    handler.handle(error);
  }

  /** The response headers under lower-case names (the last value of a repeated one). */
  private Map<String, String> headers() {
    Map<String, String> headers = new HashMap<>();
    response
        .headers()
        .forEach(
            header -> headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
    return headers;
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

  /**
   * Stops the provider's work: resets the stream so an upstream that bills by the token stops
   * generating.
   */
  public void cancel() {
    stop();
    request.reset();
  }
}
