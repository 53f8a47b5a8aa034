package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
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
 * One Anthropic stream relayed to an Anthropic client. Events go out as the provider wrote them
 * (pings, server tool blocks and fields we do not know included) except: message_start names the
 * catalog model, and message_delta (it carries the final usage) and message_stop are held back for
 * {@link #closing}, which writes them with the settled usage once the request is priced.
 */
final class AnthropicRelayedStream extends RelayedStream<AnthropicStreamDecoder> {
  private final String model;
  private Optional<ObjectNode> heldDelta = Optional.empty();

  AnthropicRelayedStream(String model) {
    super(new AnthropicStreamDecoder());
    this.model = model;
  }

  @Override
  protected Optional<SseEvent> relay(SseEvent event) {
    JsonNode data = decoder().lastEvent();
    return switch (data.path("type").asText(event.event())) {
      case "message_start" -> Optional.of(renamed(event, data));
      case "message_delta" -> {
        heldDelta = Optional.of(((ObjectNode) data).deepCopy());
        yield Optional.empty();
      }
      // Written by closing(), after the held message_delta.
      case "message_stop" -> Optional.empty();
      default -> Optional.of(event);
    };
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
    RelayedBody.settleUsage(delta, "usage", usage -> AnthropicUsage.encode(settled, usage));
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

  /**
   * A non-streamed answer relayed: the catalog model and the settled usage, written over the
   * provider's own fields (the rest of its body goes out as it came).
   */
  static void settle(OutgoingBody body, Usage settled, String model) {
    body.put("model", model);
    RelayedBody.settleUsage(body, "usage", usage -> AnthropicUsage.encode(settled, usage));
  }
}
