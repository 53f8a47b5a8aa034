package dev.switchboard.gateway;

import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.SseEvent;

/**
 * What the request lifecycle needs from the client's connection, whatever carries it: the HTTP edge
 * implements it on a Vert.x request, tests in memory. The channel knows the client's wire format
 * (the route it asked), so errors go out in that format. Event-loop confined: every method is
 * called on the request's context.
 */
public interface ClientChannel {
  /** The header naming the request's ledger row, on every answer once the row id exists. */
  String GENERATION_ID = "X-Generation-Id";

  /** The client's fields the serving format could not carry and harmlessly left out. */
  String DROPPED = "X-Switchboard-Dropped";

  /**
   * On a unary answer whose key's budget pays for fewer tokens than the request allowed: the limit
   * the provider was asked for instead.
   */
  String MAX_TOKENS_LOWERED = "X-Switchboard-Max-Tokens-Lowered";

  /** Runs once if the client goes away before the answer ended. */
  void onGone(Runnable action);

  /** Runs once when the exchange is over, however it ended: answer, error, or client gone. */
  void onEnd(Runnable action);

  /** Adds a header to the answer still to come; ignored once headers went out. */
  void header(String name, String value);

  /**
   * Answers with an error in the client's format; possible only while nothing was sent (a stream
   * that has sent its headers ends in-band instead, see {@link StreamRelay}). Ends the exchange.
   */
  void reject(GatewayError error);

  /** Answers with a whole JSON body; nothing once the exchange ended or the client left. */
  void reply(int status, byte[] json);

  /**
   * The streamed answer: the same instance on every call. Opening it starts the keep-alive clock;
   * nothing goes out before the first {@link Stream#write} or keep-alive.
   */
  Stream stream();

  /**
   * The client's side of a streamed answer. Headers go out lazily, with the first event or
   * keep-alive; "committed" means a data event was written: no other route can be tried after that.
   */
  interface Stream {
    /** Whether the stream's headers went out (a keep-alive comment sends them too). */
    boolean headersSent();

    /** Whether a data event was written. */
    boolean committed();

    /** Queues one event; {@link #flush} sends what was queued. */
    void write(SseEvent event);

    /**
     * Queues whole SSE frames given as bytes, which the caller may reuse once this returns; as
     * {@link #write(SseEvent)} otherwise.
     */
    void write(byte[] frames, int offset, int length);

    /** Sends what {@link #write} gathered as one write. */
    void flush();

    /** Whether the client reads slower than the provider writes: pause the provider. */
    boolean writeQueueFull();

    /** What to do each time a full write queue drains (resume the provider). */
    void onDrain(Runnable action);

    /** Ends the stream, sending the headers first if nothing went out yet. */
    void end();
  }
}
