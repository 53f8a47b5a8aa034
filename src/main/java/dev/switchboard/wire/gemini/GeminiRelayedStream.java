package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.OutgoingBody;
import dev.switchboard.wire.RelayedBody;
import dev.switchboard.wire.RelayedStream;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.Usage;
import java.util.List;
import java.util.Optional;

/**
 * One Gemini stream relayed to a Gemini client. Each chunk is parsed once, by the decoder, and goes
 * out with the catalog model and the stream's first responseId; the chunk that carries the
 * finishReason is held back and sent by {@link #closing} with the settled usageMetadata, the end of
 * the stream (Gemini has no end marker).
 */
final class GeminiRelayedStream extends RelayedStream<GeminiStreamDecoder> {
  private final String model;
  private String id = "";
  private Optional<ObjectNode> held = Optional.empty();

  GeminiRelayedStream(String model) {
    super(new GeminiStreamDecoder());
    this.model = model;
  }

  @Override
  protected Optional<SseEvent> relay(SseEvent event) {
    ObjectNode chunk = decoder().lastChunk().orElseThrow();
    if (id.isEmpty()) {
      id = chunk.path("responseId").asText("");
    }
    if (chunk.has("modelVersion")) {
      chunk.put("modelVersion", model);
    }
    if (chunk.has("responseId") && !id.isEmpty()) {
      chunk.put("responseId", id);
    }
    if (decoder().lastEnded()) {
      held = Optional.of(chunk);
      return Optional.empty();
    }
    return Optional.of(new SseEvent(event.event(), Json.string(chunk)));
  }

  /** The held last chunk (a usage-only chunk when none was held) with the settled usage. */
  @Override
  public List<SseEvent> closing(Usage settled) {
    ObjectNode chunk = held.orElseGet(Json::object);
    settle(OutgoingBody.of(chunk), settled, model);
    if (!id.isEmpty()) {
      chunk.put("responseId", id);
    }
    return List.of(SseEvent.data(Json.string(chunk)));
  }

  /**
   * The catalog model and the settled usage, written over the provider's own fields: of the last
   * chunk, and of a non-streamed answer.
   */
  static void settle(OutgoingBody body, Usage settled, String model) {
    RelayedBody.settleUsage(body, "usageMetadata", usage -> GeminiUsage.encode(settled, usage));
    body.put("modelVersion", model);
  }
}
