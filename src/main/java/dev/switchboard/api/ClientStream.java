package dev.switchboard.api;

import dev.switchboard.config.Config;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerConnection;

/**
 * The client's side of a stream. Headers go out lazily: with the first event, or with the first
 * keep-alive comment when the upstream is slow, so a failure before either can still be a plain
 * HTTP error. "Committed" means a data event reached the client: no retry is possible after that. A
 * client that leaves its socket unwritable (reads nothing) for longer than the write timeout is cut
 * loose: its connection closes, which ends the request as if it had left, and so releases the
 * provider connection that back-pressure held paused.
 */
final class ClientStream {
  private static final Buffer KEEP_ALIVE = Buffer.buffer(": PROCESSING\n\n");
  private final Vertx vertx;
  private final HttpServerResponse out;
  private final HttpConnection connection;
  private final String generationId;
  private final long keepAliveNanos;
  private final long writeTimeoutNanos;
  private final long timer;
  private long lastWrite = System.nanoTime();
  private long stalledSince;
  private Runnable drained = () -> {};
  private Buffer outgoing = Buffer.buffer(512);
  private boolean committed;
  private boolean ended;

  ClientStream(Vertx vertx, HttpServerRequest request, Config.Server limits, String generationId) {
    this.vertx = vertx;
    this.out = request.response();
    this.connection = request.connection();
    this.generationId = generationId;
    this.keepAliveNanos = limits.streamKeepAlive().toNanos();
    this.writeTimeoutNanos = limits.limits().writeTimeout().toNanos();
    long period = Math.min(limits.streamKeepAlive().toMillis(), writeTimeoutNanos / 1_000_000) / 2;
    this.timer = vertx.setPeriodic(Math.max(1, period), id -> tick());
    out.drainHandler(
        v -> {
          stalledSince = 0;
          drained.run();
        });
  }

  /** Runs once if the client goes away before the stream ended. */
  void onGone(Runnable action) {
    out.closeHandler(
        v -> {
          if (!ended) {
            ended = true;
            vertx.cancelTimer(timer);
            action.run();
          }
        });
  }

  /** Sets a response header while the head is still unsent; later it is too late and ignored. */
  void header(String name, String value) {
    if (!out.headWritten()) {
      out.putHeader(name, value);
    }
  }

  boolean headersSent() {
    return out.headWritten();
  }

  boolean committed() {
    return committed;
  }

  void write(SseEvent event) {
    if (ended) {
      return;
    }
    sendHeaders();
    committed = true;
    lastWrite = System.nanoTime();
    outgoing.appendString(event.frame());
  }

  /**
   * Sends what {@link #write} gathered as one write: one syscall per upstream read, not per event.
   */
  void flush() {
    if (outgoing.length() > 0 && !ended) {
      out.write(outgoing);
      outgoing = Buffer.buffer(512);
    }
  }

  boolean writeQueueFull() {
    boolean full = out.writeQueueFull();
    if (full && stalledSince == 0) {
      stalledSince = System.nanoTime();
    }
    return full;
  }

  /** What to do each time a full write queue drains (resume the provider). */
  void onDrain(Runnable action) {
    drained = action;
  }

  void end() {
    if (ended) {
      return;
    }
    flush();
    ended = true;
    vertx.cancelTimer(timer);
    sendHeaders();
    out.end();
  }

  /** Answers with a plain HTTP error; only possible while no header was sent. */
  void reject(GatewayError error, WireFormat format) {
    if (ended) {
      return;
    }
    ended = true;
    vertx.cancelTimer(timer);
    Replies.error(out.putHeader(Replies.GENERATION_ID, generationId), format, error);
  }

  private void tick() {
    if (ended) {
      return;
    }
    if (!writeQueueFull()) {
      stalledSince = 0;
      keepAlive();
    } else if (System.nanoTime() - stalledSince > writeTimeoutNanos) {
      // Closing the connection runs the onGone action: the request ends as abandoned by the
      // client, and the provider stream it held paused is cancelled.
      cutLoose();
    }
  }

  /**
   * Closes the client's connection at once. Vert.x's own close() first flushes what is queued,
   * which a client that does not read never lets finish, so an HTTP/1 connection is closed at the
   * channel; the close handler then ends the request.
   */
  private void cutLoose() {
    if (connection instanceof HttpServerConnection http1) {
      http1.channelHandlerContext().close();
    } else {
      out.reset();
    }
  }

  private void keepAlive() {
    if (System.nanoTime() - lastWrite >= keepAliveNanos) {
      sendHeaders();
      flush();
      lastWrite = System.nanoTime();
      out.write(KEEP_ALIVE);
    }
  }

  private void sendHeaders() {
    if (!out.headWritten()) {
      out.setStatusCode(200)
          .setChunked(true)
          .putHeader("content-type", "text/event-stream; charset=utf-8")
          .putHeader("cache-control", "no-cache")
          .putHeader(Replies.GENERATION_ID, generationId);
    }
  }
}
