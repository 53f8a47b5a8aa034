package dev.switchboard.gateway;

import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A client in memory, no socket: records what the lifecycle answers. Event-loop confined like a
 * real channel; a test reads the fields once {@link #ended} completed (which orders the reads).
 */
final class FakeClientChannel implements ClientChannel {
  /** How the exchange ended: "reply", "reject", "end" (a stream) or "gone". */
  final CompletableFuture<String> ended = new CompletableFuture<>();

  final Map<String, String> headers = new LinkedHashMap<>();
  final List<String> frames = new ArrayList<>();
  final FakeStream stream = new FakeStream();
  Optional<GatewayError> rejected = Optional.empty();
  int status;
  byte[] body = new byte[0];
  private @Nullable Runnable gone;
  private final List<Runnable> endActions = new ArrayList<>();

  /** The client hangs up: what a closed connection does. */
  void leave() {
    if (!ended.isDone()) {
      Runnable action = gone;
      finish("gone");
      if (action != null) {
        action.run();
      }
    }
  }

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public void onGone(Runnable action) {
    gone = action;
  }

  @Override
  public void onEnd(Runnable action) {
    endActions.add(action);
  }

  @Override
  public void header(String name, String value) {
    if (!stream.headersSent) {
      headers.put(name, value);
    }
  }

  @Override
  public void reject(GatewayError error) {
    if (stream.headersSent) {
      throw new AssertionError("a plain error after the stream's headers went out: " + error);
    }
    if (!ended.isDone()) {
      rejected = Optional.of(error);
      status = error.kind().status();
      finish("reject");
    }
  }

  @Override
  public void reply(int replyStatus, byte[] json) {
    if (!ended.isDone()) {
      status = replyStatus;
      body = json;
      finish("reply");
    }
  }

  @Override
  public Stream stream() {
    return stream;
  }

  private void finish(String how) {
    endActions.forEach(Runnable::run);
    ended.complete(how);
  }

  /** The streamed side: no transport, so no back-pressure and no keep-alive. */
  final class FakeStream implements ClientChannel.Stream {
    boolean headersSent;
    boolean committed;

    @Override
    public boolean headersSent() {
      return headersSent;
    }

    @Override
    public boolean committed() {
      return committed;
    }

    @Override
    public void write(SseEvent event) {
      if (!ended.isDone()) {
        headersSent = true;
        committed = true;
        frames.add(event.frame());
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      if (!ended.isDone()) {
        headersSent = true;
        committed = true;
        frames.add(new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8));
      }
    }

    @Override
    public void flush() {
      // Written at once.
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public void onDrain(Runnable action) {
      // Never full.
    }

    @Override
    public void end() {
      if (!ended.isDone()) {
        headersSent = true;
        status = 200;
        finish("end");
      }
    }
  }
}
