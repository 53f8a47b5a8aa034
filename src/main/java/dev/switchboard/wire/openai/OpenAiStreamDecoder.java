package dev.switchboard.wire.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamDecoder;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.WireException;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decodes chat.completion.chunk events. The stream is complete once a choice reported a
 * finish_reason; [DONE] alone is not enough, and its absence after a finish_reason is tolerated.
 */
final class OpenAiStreamDecoder implements StreamDecoder {
  static final String DONE = "[DONE]";
  private final OpenAiBlocks blocks = new OpenAiBlocks();
  private boolean started;
  private boolean finished;
  private Optional<OpenAiChunkReader.Chunk> last = Optional.empty();

  @Override
  public void decode(SseEvent event, Consumer<ChatEvent> out)
      throws WireException, UpstreamStreamError {
    last = Optional.empty();
    if (event.data().equals(DONE)) {
      return;
    }
    OpenAiChunkReader.Chunk chunk;
    try {
      chunk = OpenAiChunkReader.read(event.data());
    } catch (JsonProcessingException e) {
      throw new WireException("malformed stream event: " + Json.problem(e), e);
    } catch (IOException e) {
      throw new WireException("malformed stream event: " + e.getMessage(), e);
    }
    last = Optional.of(chunk);
    if (chunk.error().isPresent()) {
      throw new UpstreamStreamError(OpenAiErrors.streamFailure(chunk.error().get()));
    }
    if (!started) {
      started = true;
      out.accept(new ChatEvent.Started(chunk.id(), chunk.created(), chunk.model()));
    }
    for (OpenAiChunkReader.Piece piece : chunk.pieces()) {
      finished |= piece instanceof OpenAiChunkReader.Piece.Finish && piece.choice() == 0;
      blocks.accept(piece, out);
    }
    chunk
        .usage()
        .flatMap(OpenAiUsage::decode)
        .ifPresent(usage -> out.accept(new ChatEvent.UsageReported(usage)));
  }

  /** The chunk the last {@link #decode} read; empty after [DONE]. */
  Optional<OpenAiChunkReader.Chunk> lastChunk() {
    return last;
  }

  @Override
  public void finish(Consumer<ChatEvent> out) throws StreamTruncated {
    if (!finished) {
      throw new StreamTruncated(
          started
              ? "the provider's stream ended before the answer was complete"
              : "the provider's stream ended before any event");
    }
  }
}
