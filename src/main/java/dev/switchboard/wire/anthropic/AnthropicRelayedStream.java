package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One Anthropic stream relayed to an Anthropic client. Events go out as the provider wrote them
 * (pings, server tool blocks and fields we do not know included) except: message_start names the
 * catalog model, and message_delta (it carries the final usage) and message_stop are held back for
 * {@link #closing}, which writes them with the settled usage once the request is priced.
 */
final class AnthropicRelayedStream implements Passthrough.Stream {
  private final AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
  private final String model;
  private Optional<SseEvent> relayed = Optional.empty();
  private Optional<ObjectNode> heldDelta = Optional.empty();

  AnthropicRelayedStream(String model) {
    this.model = model;
  }

  @Override
  public void decode(SseEvent event, Consumer<ChatEvent> out)
      throws WireException, UpstreamStreamError {
    relayed = Optional.empty();
    decoder.decode(event, out);
    JsonNode data = decoder.lastEvent();
    switch (data.path("type").asText(event.event())) {
      case "message_start" -> relayed = Optional.of(renamed(event, data));
      case "message_delta" -> heldDelta = Optional.of(((ObjectNode) data).deepCopy());
      case "message_stop" -> {
        // Written by closing(), after the held message_delta.
      }
      default -> relayed = Optional.of(event);
    }
  }

  @Override
  public void finish(Consumer<ChatEvent> out) throws StreamTruncated {
    decoder.finish(out);
  }

  @Override
  public Optional<SseEvent> relayed() {
    return relayed;
  }

  /**
   * The provider's message_delta (its stop reason and other fields kept) with the settled usage in
   * place of its counts, then message_stop.
   */
  @Override
  public List<SseEvent> closing(Usage settled) {
    ObjectNode delta =
        heldDelta.orElseGet(
            () -> {
              ObjectNode built = Json.object().put("type", "message_delta");
              built.putObject("delta").putNull("stop_reason").putNull("stop_sequence");
              return built;
            });
    JsonNode usage = delta.get("usage");
    delta.set(
        "usage",
        AnthropicUsage.encode(
            settled, usage instanceof ObjectNode object ? object : Json.object()));
    return List.of(
        new SseEvent("message_delta", Json.string(delta)),
        new SseEvent("message_stop", "{\"type\":\"message_stop\"}"));
  }

  /** message_start with the catalog's model name (unchanged bytes when it already has it). */
  private SseEvent renamed(SseEvent event, JsonNode data) {
    if (!(data.path("message") instanceof ObjectNode message)
        || model.equals(message.path("model").asText())) {
      return event;
    }
    ObjectNode copy = ((ObjectNode) data).deepCopy();
    ((ObjectNode) copy.get("message")).put("model", model);
    return new SseEvent(event.event(), Json.string(copy));
  }
}
