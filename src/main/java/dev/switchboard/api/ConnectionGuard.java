package dev.switchboard.api;

import dev.switchboard.config.ClientLimits;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounds what a client connection can hold. A connection with no request in progress closes after
 * the idle timeout, which also ends a request head that never completes (slowloris); a request
 * whose body has not arrived within the request timeout gets 408 and the connection closes. A
 * response in progress is never cut: a slow upstream or a long stream is not the client's doing.
 * One instance per event loop, so no locking; deadlines fire up to an eighth of the shorter timeout
 * late.
 */
final class ConnectionGuard {
  private static final String TRANSFER_ENCODING = "transfer-encoding";
  // Deadlines are checked by one periodic sweep per event loop, not a timer per request: setting
  // and cancelling two timers per request cost more than the sweep over every open connection.
  private static final long MIN_SWEEP_MS = 10;
  private static final long MAX_SWEEP_MS = 1_000;
  private final ClientLimits limits;
  private final RouteFormats formats;
  private final long requestTimeoutNanos;
  private final long idleTimeoutNanos;
  private final Map<HttpConnection, Watch> watches = new IdentityHashMap<>();

  ConnectionGuard(Vertx vertx, ClientLimits limits, RouteFormats formats) {
    this.limits = limits;
    this.formats = formats;
    this.requestTimeoutNanos = limits.requestTimeout().toNanos();
    this.idleTimeoutNanos = limits.idleTimeout().toNanos();
    long finest = Math.min(limits.requestTimeout().toMillis(), limits.idleTimeout().toMillis());
    vertx.setPeriodic(Math.clamp(finest / 8, MIN_SWEEP_MS, MAX_SWEEP_MS), id -> sweep());
  }

  void opened(HttpConnection connection) {
    Watch watch = new Watch(connection);
    watches.put(connection, watch);
    connection.closeHandler(closed -> watches.remove(connection));
    watch.idleFrom(System.nanoTime());
  }

  /**
   * Starts the request timer. A request framed both by Transfer-Encoding and by Content-Length
   * never gets here: Netty's decoder refuses it, and {@link InvalidRequests} answers.
   */
  void admit(HttpServerRequest request) {
    Watch watch = watches.get(request.connection());
    if (watch != null) {
      watch.requestStarted(request);
    }
  }

  private void timedOut(HttpServerRequest request) {
    if (request.isEnded() || request.response().ended() || request.response().closed()) {
      return;
    }
    Replies.refuse(
        request,
        formats.of(request),
        GatewayError.of(
            ErrorKind.REQUEST_TIMEOUT,
            "the request was not received within "
                + limits.requestTimeout().toMillis()
                + " ms; send the whole body without pauses"));
    if (request.response().headWritten()) {
      // A response already under way cannot carry the 408: the connection is all there is left.
      request.connection().close();
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Watch watch : watches.values().toArray(Watch[]::new)) {
      watch.check(now);
    }
  }

  /** The deadlines of one connection: idle while no request is in progress. */
  private final class Watch {
    private final HttpConnection connection;
    private final List<Receiving> receiving = new ArrayList<>(1);
    private int inProgress;
    private long idleDeadline;
    private boolean idle;

    Watch(HttpConnection connection) {
      this.connection = connection;
    }

    void requestStarted(HttpServerRequest request) {
      inProgress++;
      idle = false;
      Receiving body = new Receiving(request, System.nanoTime() + requestTimeoutNanos);
      receiving.add(body);
      request.end().onComplete(ended -> receiving.remove(body));
      // RFC 9112 6.1: a body framed by Transfer-Encoding may have come with a Content-Length too
      // (Netty drops it before we see it, framing by chunks); the connection closes after the
      // answer, so nothing a front proxy framed differently is read as a next request.
      boolean closeAfter =
          request.version() != HttpVersion.HTTP_2 && request.headers().contains(TRANSFER_ENCODING);
      if (closeAfter) {
        request.response().putHeader("connection", "close");
      }
      // The one response handler the guard takes; the exchanges use closeHandler and drainHandler.
      request.response().endHandler(ended -> requestDone(closeAfter));
    }

    private void requestDone(boolean closeAfter) {
      if (closeAfter) {
        connection.close();
      }
      inProgress--;
      if (inProgress == 0) {
        idleFrom(System.nanoTime());
      }
    }

    void idleFrom(long now) {
      idle = true;
      idleDeadline = now + idleTimeoutNanos;
    }

    void check(long now) {
      if (idle && now - idleDeadline >= 0) {
        idle = false;
        connection.close();
        return;
      }
      for (int i = receiving.size() - 1; i >= 0; i--) {
        Receiving body = receiving.get(i);
        if (now - body.deadline() >= 0) {
          receiving.remove(i);
          timedOut(body.request());
        }
      }
    }
  }

  /** A request whose body is still arriving, and when it must have arrived. */
  private record Receiving(HttpServerRequest request, long deadline) {}
}
