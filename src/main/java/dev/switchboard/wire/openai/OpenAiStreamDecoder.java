package dev.switchboard.wire.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseDecoder;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamDecoder;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.WireException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Decodes chat.completion.chunk events. The stream is complete once a choice reported a
 * finish_reason; [DONE] alone is not enough, and its absence after a finish_reason is tolerated.
 */
final class OpenAiStreamDecoder implements StreamDecoder {
  static final String DONE = "[DONE]";
  private static final byte[] DONE_BYTES = DONE.getBytes(StandardCharsets.US_ASCII);
  private final OpenAiBlocks blocks = new OpenAiBlocks();
  private final OpenAiRepeatedChunk repeated = new OpenAiRepeatedChunk();
  private boolean started;
  private boolean finished;
  private Optional<OpenAiChunkReader.Chunk> last = Optional.empty();
  private byte[] lastData = DONE_BYTES;
  private int lastLength;

  @Override
  public void decode(SseEvent event, Consumer<ChatEvent> out)
      throws WireException, UpstreamStreamError {
    String data = event.data();
    boolean plain = true;
    for (int i = 0; i < data.length() && plain; i++) {
      plain = plain(data.charAt(i));
    }
    if (plain) {
      byte[] bytes = data.getBytes(StandardCharsets.US_ASCII);
      decode(bytes, bytes.length, null, out);
    } else {
      byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
      decode(bytes, bytes.length, data, out);
    }
  }

  /** Reads the chunk from the SSE decoder's bytes: no String of it unless it holds non-ASCII. */
  @Override
  public void decode(SseDecoder.Frame frame, Consumer<ChatEvent> out)
      throws WireException, UpstreamStreamError {
    byte[] bytes = frame.data();
    int length = frame.length();
    for (int i = 0; i < length; i++) {
      if (!plain((char) bytes[i])) {
        // As a String, as before: invalid UTF-8 becomes U+FFFD; then its valid UTF-8 is spliced.
        String data = frame.event().data();
        byte[] valid = data.getBytes(StandardCharsets.UTF_8);
        decode(valid, valid.length, data, out);
        return;
      }
    }
    decode(bytes, length, null, out);
  }

  /**
   * ASCII without NUL: bytes that Jackson's byte parser reads exactly as its char parser reads the
   * String (no encoding to detect, one byte per char, so the same offsets and error columns).
   */
  private static boolean plain(char c) {
    return c > 0 && c < 0x80;
  }

  /**
   * Decodes the chunk in {@code bytes[0, length)}; {@code text} is the same chunk as a String when
   * it is not plain ASCII, and is then read by the char parser as before (its spans turned into
   * byte offsets).
   */
  private void decode(byte[] bytes, int length, @Nullable String text, Consumer<ChatEvent> out)
      throws WireException, UpstreamStreamError {
    last = Optional.empty();
    lastData = bytes;
    lastLength = length;
    if (Arrays.equals(bytes, 0, length, DONE_BYTES, 0, DONE_BYTES.length)) {
      return;
    }
    OpenAiChunkReader.Chunk chunk;
    try {
      chunk = text == null ? repeated.repeat(bytes, length) : null;
      if (chunk == null) {
        chunk =
            text == null
                ? OpenAiChunkReader.read(bytes, length)
                : OpenAiChunkReader.inBytes(OpenAiChunkReader.read(text), text);
        repeated.parsed(bytes, length, chunk);
      }
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
    if (chunk.usage().isPresent()) {
      OpenAiUsage.decode(chunk.usage().get())
          .ifPresent(usage -> out.accept(new ChatEvent.UsageReported(usage)));
    }
  }

  /** The UTF-8 bytes the last {@link #decode} read, from 0: what a relay splices (its spans). */
  byte[] lastData() {
    return lastData;
  }

  int lastLength() {
    return lastLength;
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
