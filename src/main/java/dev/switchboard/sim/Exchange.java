package dev.switchboard.sim;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Plays one answer onto one HTTP exchange: first-token latency, paced writes, faults. Runs on the
 * server's event loop and only ever waits on Vert.x timers. If the client leaves before the answer
 * is complete, the pending timer is cancelled and the exchange reports itself cancelled once.
 */
final class Exchange {
  private static final long NO_TIMER = -1;
  private final Vertx vertx;
  private final HttpServerRequest request;
  private final HttpServerResponse response;
  private final Dialect dialect;
  private final Runnable onCancelled;
  private final int tokensPerSecond;
  private final Duration firstTokenLatency;
  private boolean finished;
  private long timer = NO_TIMER;
  private long streamStart;
  private long tokensSent;

  Exchange(
      Vertx vertx,
      HttpServerRequest request,
      SimOptions options,
      Dialect dialect,
      Runnable onCancelled) {
    this.vertx = vertx;
    this.dialect = dialect;
    this.request = request;
    this.response = request.response();
    this.tokensPerSecond = options.tokensPerSecond();
    this.firstTokenLatency = options.firstTokenLatency();
    this.onCancelled = onCancelled;
    response.closeHandler(ignored -> clientLeft());
  }

  Dialect dialect() {
    return dialect;
  }

  /** Answers with an error in the dialect's format at once, with Retry-After where due. */
  void fail(SimError error) {
    finished = true;
    error
        .retryAfterSeconds()
        .ifPresent(s -> response.putHeader("Retry-After", Integer.toString(s)));
    dialect.errorHeaders(error).forEach(response::putHeader);
    response
        .setStatusCode(error.status())
        .putHeader("Content-Type", "application/json")
        .end(dialect.errorBody(error));
  }

  /** Answers 200 with this JSON body at once (token counts, which real APIs answer fast). */
  void json(String body) {
    response.putHeader("Content-Type", "application/json");
    end(body);
  }

  /**
   * Plays the answer, or the request's fault instead. Errors and early disconnects happen at once,
   * as real providers reject fast; everything else waits for the first token.
   */
  void play(SimRequest simRequest, Envelope envelope, Answer answer, SplittableRandom random) {
    Runnable reply = () -> answer(simRequest, envelope, answer, random);
    switch (simRequest.fault().orElse(null)) {
      case Fault.Status status -> fail(dialect.statusError(status.code()));
      case Fault.ContextLength _ -> fail(dialect.contextLength(simRequest));
      case Fault.ContentPolicy _ -> fail(dialect.contentPolicy());
      case Fault.DisconnectBeforeHeaders _ -> closeConnection();
      case Fault.SlowFirstToken slow -> after(slow.latency(), reply);
      case null, default -> after(firstTokenLatency, reply);
    }
  }

  private void answer(
      SimRequest simRequest, Envelope envelope, Answer answer, SplittableRandom random) {
    if (simRequest.stream()) {
      List<SseStep> steps;
      try {
        steps = dialect.stream(envelope, answer, simRequest, random);
      } catch (RuntimeException bug) {
        // A bug in the sim must fail the test that met it at once, not leave the client waiting.
        fail(dialect.statusError(500));
        return;
      }
      stream(steps);
    } else {
      // A unary answer arrives once the whole completion would have been generated.
      Duration generation = Duration.ofMillis(paceMillis(answer.usage().completion()));
      after(generation, () -> unary(simRequest, envelope, answer));
    }
  }

  private void unary(SimRequest simRequest, Envelope envelope, Answer answer) {
    @Nullable Fault fault = simRequest.fault().orElse(null);
    boolean withUsage = !(fault instanceof Fault.NoUsage);
    byte[] body =
        dialect.unary(envelope, answer, simRequest, withUsage).getBytes(StandardCharsets.UTF_8);
    response.putHeader("Content-Type", "application/json");
    switch (fault) {
      case Fault.DisconnectMidStream _ -> {
        response.putHeader("Content-Length", Integer.toString(body.length));
        response
            .write(Buffer.buffer(body).slice(0, body.length / 2))
            .onComplete(ignored -> closeConnection());
      }
      case Fault.StallAfterFirstEvent _ -> {
        response.putHeader("Content-Length", Integer.toString(body.length));
        response.writeHead();
      }
      case Fault.MalformedEvent _ -> end("{not json");
      case null, default -> end(body);
    }
  }

  private void stream(List<SseStep> steps) {
    response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8");
    streamStart = System.nanoTime();
    next(steps, 0);
  }

  private void next(List<SseStep> steps, int index) {
    if (finished) {
      return;
    }
    SseStep step = steps.get(index);
    if (step instanceof SseStep.Send send) {
      tokensSent += send.tokens();
    }
    long dueMillis = paceMillis(tokensSent) - (System.nanoTime() - streamStart) / 1_000_000;
    if (dueMillis >= 1) {
      timer = vertx.setTimer(dueMillis, ignored -> perform(steps, index));
    } else {
      perform(steps, index);
    }
  }

  private void perform(List<SseStep> steps, int index) {
    timer = NO_TIMER;
    if (finished) {
      return;
    }
    switch (steps.get(index)) {
      case SseStep.Send send ->
          response.write(send.frame()).onSuccess(ignored -> next(steps, index + 1));
      case SseStep.End _ -> end(Buffer.buffer());
      case SseStep.Close _ -> closeConnection();
      case SseStep.Stall _ -> {
        // Stays unfinished on purpose: the client giving up is what this fault tests.
      }
    }
  }

  private long paceMillis(long tokens) {
    return tokensPerSecond == 0 ? 0 : tokens * 1000 / tokensPerSecond;
  }

  private void after(Duration delay, Runnable action) {
    if (delay.toMillis() < 1) {
      action.run();
    } else {
      timer =
          vertx.setTimer(
              delay.toMillis(),
              ignored -> {
                timer = NO_TIMER;
                if (!finished) {
                  action.run();
                }
              });
    }
  }

  private void end(String body) {
    end(Buffer.buffer(body));
  }

  private void end(byte[] body) {
    end(Buffer.buffer(body));
  }

  private void end(Buffer body) {
    finished = true;
    response.end(body);
  }

  private void closeConnection() {
    finished = true;
    request.connection().close();
  }

  private void clientLeft() {
    if (finished) {
      return;
    }
    finished = true;
    if (timer != NO_TIMER) {
      vertx.cancelTimer(timer);
      timer = NO_TIMER;
    }
    onCancelled.run();
  }
}
