package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import java.util.List;
import java.util.Optional;

/** OpenAI to OpenAI relaying: upstream chunks go out as they came; only the usage is replaced. */
final class OpenAiPassthrough implements Passthrough {
  // A cheap byte check first: most chunks carry "usage":null or no usage at all.
  private static final String USAGE_FIELD = "\"usage\"";

  @Override
  public boolean carriesUsage(SseEvent event) {
    String data = event.data();
    if (!data.contains(USAGE_FIELD)) {
      return false;
    }
    try {
      return Json.tree(data).path("usage").isObject();
    } catch (WireException e) {
      return false;
    }
  }

  @Override
  public List<SseEvent> closing(Optional<SseEvent> heldUsage, SseEvent last, Usage settled) {
    ObjectNode chunk = heldUsage.flatMap(OpenAiPassthrough::object).orElseGet(() -> usageChunkLike(last));
    JsonNode usage = chunk.get("usage");
    chunk.set("usage", OpenAiUsage.encode(settled, usage instanceof ObjectNode object ? object : Json.object()));
    return List.of(SseEvent.data(Json.string(chunk)), SseEvent.data(OpenAiStreamDecoder.DONE));
  }

  @Override
  public byte[] withUsage(byte[] body, Usage settled) throws WireException {
    JsonNode root = Json.tree(body);
    if (!(root instanceof ObjectNode object)) {
      throw new WireException("upstream response is not a JSON object");
    }
    JsonNode usage = object.get("usage");
    object.set("usage", OpenAiUsage.encode(settled, usage instanceof ObjectNode existing ? existing : Json.object()));
    return Json.bytes(object);
  }

  private static ObjectNode usageChunkLike(SseEvent last) {
    ObjectNode chunk = Json.object().put("object", "chat.completion.chunk");
    object(last).ifPresent(
        template -> {
          chunk.set("id", template.get("id"));
          chunk.set("created", template.get("created"));
          chunk.set("model", template.get("model"));
        });
    chunk.putArray("choices");
    return chunk;
  }

  private static Optional<ObjectNode> object(SseEvent event) {
    try {
      return Json.tree(event.data()) instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
    } catch (WireException e) {
      return Optional.empty();
    }
  }
}
