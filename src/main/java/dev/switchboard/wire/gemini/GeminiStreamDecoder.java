package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamDecoder;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.WireException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decodes a streamGenerateContent?alt=sse stream: each data event is one GenerateContentResponse.
 * Gemini sends no end marker; the stream is complete once a chunk carried a finishReason (or a
 * blocked prompt's verdict). Anything else, a bare JSON error the SSE framing drops included, ends
 * as a truncated stream.
 */
final class GeminiStreamDecoder implements StreamDecoder {
  private final GeminiEvents events = new GeminiEvents();
  private Optional<ObjectNode> last = Optional.empty();
  private boolean ended;

  @Override
  public void decode(SseEvent event, Consumer<ChatEvent> out)
      throws WireException, UpstreamStreamError {
    last = Optional.empty();
    if (!(Json.tree(event.data()) instanceof ObjectNode chunk)) {
      throw new WireException("malformed stream event: expected a JSON object");
    }
    last = Optional.of(chunk);
    boolean before = events.finished();
    events.accept(chunk, out);
    ended = !before && events.finished();
  }

  /** The chunk the last {@link #decode} read. */
  Optional<ObjectNode> lastChunk() {
    return last;
  }

  /** Whether the last chunk decoded was the one that ended the answer. */
  boolean lastEnded() {
    return ended;
  }

  @Override
  public void finish(Consumer<ChatEvent> out) throws StreamTruncated {
    if (!events.finished()) {
      throw new StreamTruncated(
          events.started()
              ? "the provider's stream ended before the answer was complete"
              : "the provider's stream ended before any event");
    }
  }
}
