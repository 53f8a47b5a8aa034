package dev.switchboard.api;

import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;

/**
 * The client's side of a stream. Headers go out lazily: with the first event, or with the first
 * keep-alive comment when the upstream is slow, so a failure before either can still be a plain
 * HTTP error. "Committed" means a data event reached the client: no retry is possible after that.
 */
final class ClientStream {
  private static final Buffer KEEP_ALIVE = Buffer.buffer(": PROCESSING\n\n");
  private final Vertx vertx;
  private final HttpServerResponse out;
  private final String generationId;
  private final long keepAliveNanos;
  private final long timer;
  private long lastWrite = System.nanoTime();
  private Buffer outgoing = Buffer.buffer(512);
  private boolean committed;
  private boolean ended;

  ClientStream(Vertx vertx, HttpServerResponse out, Duration keepAlive, String generationId) {
    this.vertx = vertx;
    this.out = out;
    this.generationId = generationId;
    this.keepAliveNanos = keepAlive.toNanos();
    this.timer = vertx.setPeriodic(Math.max(1, keepAlive.toMillis() / 2), id -> keepAlive());
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
    return out.writeQueueFull();
  }

  void onDrain(Runnable action) {
    out.drainHandler(v -> action.run());
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

  private void keepAlive() {
    if (!ended && System.nanoTime() - lastWrite >= keepAliveNanos) {
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
