package dev.switchboard.wire.responses;

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
import org.jspecify.annotations.Nullable;

/**
 * One Responses stream relayed: each event goes out as the provider wrote it (its sequence numbers
 * too), the lifecycle events naming the catalog model; the terminal event (response.completed or
 * incomplete) is held back and written at the close with the settled usage.
 */
final class ResponsesRelayedStream implements Passthrough.Stream {
  private final ResponsesStreamDecoder decoder = new ResponsesStreamDecoder();
  private final String model;
  private Optional<SseEvent> last = Optional.empty();
  private @Nullable ObjectNode terminal;
  private String terminalName = "";

  ResponsesRelayedStream(String model) {
    this.model = model;
  }

  @Override
  public void decode(SseEvent event, Consumer<ChatEvent> out)
      throws WireException, UpstreamStreamError {
    last = Optional.empty();
    decoder.decode(event, out);
    if (event.data().isBlank() || event.data().equals("[DONE]")) {
      // The end of the client's stream is the held-back terminal event.
      return;
    }
    JsonNode data = Json.tree(event.data());
    String type = data.path("type").asText(event.event());
    if (!(data.path("response") instanceof ObjectNode response)) {
      last = Optional.of(event);
      return;
    }
    response.put("model", model);
    if (type.equals("response.completed") || type.equals("response.incomplete")) {
      terminal = (ObjectNode) data;
      terminalName = event.event();
    } else {
      last = Optional.of(new SseEvent(event.event(), Json.string(data)));
    }
  }

  @Override
  public Optional<SseEvent> relayed() {
    return last;
  }

  @Override
  public List<SseEvent> closing(Usage settled) {
    if (terminal == null) {
      return List.of();
    }
    ((ObjectNode) terminal.get("response")).set("usage", ResponsesUsage.encode(settled));
    return List.of(new SseEvent(terminalName, Json.string(terminal)));
  }

  @Override
  public void finish(Consumer<ChatEvent> out) throws StreamTruncated {
    decoder.finish(out);
  }
}
