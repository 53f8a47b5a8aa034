package dev.switchboard.api;

import dev.switchboard.config.Config;
import dev.switchboard.gateway.ClientChannel;
import dev.switchboard.wire.SseEvent;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerConnection;
import org.jspecify.annotations.Nullable;

/**
 * The client's side of a stream. Headers go out lazily: with the first event, or with the first
 * keep-alive comment when the upstream is slow, so a failure before either can still be a plain
 * HTTP error. "Committed" means a data event reached the client: no retry is possible after that. A
 * client that leaves its socket unwritable (reads nothing) for longer than the write timeout is cut
 * loose: its connection closes, which ends the request as if it had left, and so releases the
 * provider connection that back-pressure held paused.
 */
final class ClientStream implements ClientChannel.Stream {
  private static final Buffer KEEP_ALIVE = Buffer.buffer(": PROCESSING\n\n");
  private final HttpServerResponse out;
  private final HttpConnection connection;
  private final long keepAliveNanos;
  private final long writeTimeoutNanos;
  private final StreamTicker ticker;
  private static final int MIN_BUFFER = 512;
  private static final int MAX_BUFFER = 64 * 1024;
  private long lastWrite = System.nanoTime();
  private int lastWriteSize = MIN_BUFFER;
  private long stalledSince;
  private Runnable drained = () -> {};
  private final Context context;
  private final Handler<Void> sendGatheredTask = v -> sendGathered();
  // Allocated by the first write after a flush: an idle open stream holds no buffer.
  private @Nullable Buffer outgoing;
  private boolean flushScheduled;
  private boolean headersSet;
  private boolean committed;
  private boolean ended;

  ClientStream(Vertx vertx, HttpServerRequest request, Config.Server limits, StreamTicker ticker) {
    this.context = vertx.getOrCreateContext();
    this.out = request.response();
    this.connection = request.connection();
    this.keepAliveNanos = limits.streamKeepAlive().toNanos();
    this.writeTimeoutNanos = limits.limits().writeTimeout().toNanos();
    this.ticker = ticker;
    ticker.add(this);
    out.drainHandler(
        v -> {
          stalledSince = 0;
          drained.run();
        });
  }

  /** Runs {@code action} if the client went away before the stream ended (from a close handler). */
  void gone(Runnable action) {
    if (!ended) {
      ended = true;
      ticker.remove(this);
      action.run();
    }
  }

  @Override
  public boolean headersSent() {
    // Set headers count as sent: the events gathered behind them go out before anything else.
    return headersSet || out.headWritten();
  }

  @Override
  public boolean committed() {
    return committed;
  }

  @Override
  public void write(SseEvent event) {
    Buffer gathered = gathering();
    if (gathered != null) {
      gathered.appendString(event.frame());
    }
  }

  @Override
  public void write(byte[] frames, int offset, int length) {
    Buffer gathered = gathering();
    if (gathered != null) {
      gathered.appendBytes(frames, offset, length);
    }
  }

  /** The buffer a data write goes into (null once the stream ended); the stream is committed. */
  private @Nullable Buffer gathering() {
    if (ended) {
      return null;
    }
    sendHeaders();
    committed = true;
    return gathered();
  }

  /**
   * Sends what {@link #write} gathered as one write once the event loop has handled everything the
   * provider's socket read delivered: a provider that sends each event as its own HTTP chunk (most
   * do) would otherwise cost a syscall and a pass down Netty's pipeline per event.
   */
  @Override
  public void flush() {
    if (!flushScheduled && outgoing != null && !ended) {
      flushScheduled = true;
      context.runOnContext(sendGatheredTask);
    }
  }

  private void sendGathered() {
    flushScheduled = false;
    Buffer gathered = outgoing;
    if (gathered != null && !ended) {
      outgoing = null;
      // Timed per write, not per event: reading the clock is a syscall on some virtual machines.
      lastWrite = System.nanoTime();
      lastWriteSize = Math.clamp(gathered.length(), MIN_BUFFER, MAX_BUFFER);
      out.write(gathered);
    }
  }

  private Buffer gathered() {
    Buffer gathered = outgoing;
    if (gathered == null) {
      // Sized as the last write was: a provider's reads come in similar sizes, so it rarely grows.
      gathered = Buffer.buffer(lastWriteSize);
      outgoing = gathered;
    }
    return gathered;
  }

  @Override
  public boolean writeQueueFull() {
    boolean full = out.writeQueueFull();
    if (full && stalledSince == 0) {
      stalledSince = System.nanoTime();
    }
    return full;
  }

  /** What to do each time a full write queue drains (resume the provider). */
  @Override
  public void onDrain(Runnable action) {
    drained = action;
  }

  /**
   * Ends the stream with what is gathered in the same write as the last chunk's terminator: one
   * system call and one pass down Netty's pipeline instead of two, for every stream.
   */
  @Override
  public void end() {
    if (ended) {
      return;
    }
    Buffer last = outgoing;
    outgoing = null;
    ended = true;
    ticker.remove(this);
    sendHeaders();
    if (last != null) {
      out.end(last);
    } else {
      out.end();
    }
  }

  /**
   * Stops the stream for a plain error reply (only possible while no header was sent); false if it
   * had ended already.
   */
  boolean abandon() {
    if (ended) {
      return false;
    }
    ended = true;
    ticker.remove(this);
    return true;
  }

  /** Sends a keep-alive comment when due; cuts a client that stopped reading. */
  void tick() {
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
      sendGathered();
      lastWrite = System.nanoTime();
      out.write(KEEP_ALIVE);
    }
  }

  /** Sets the stream's status and headers once; they go out with the first write. */
  private void sendHeaders() {
    if (!headersSet && !out.headWritten()) {
      headersSet = true;
      out.setStatusCode(200)
          .setChunked(true)
          .putHeader("content-type", "text/event-stream; charset=utf-8")
          .putHeader("cache-control", "no-cache");
    }
  }
}
