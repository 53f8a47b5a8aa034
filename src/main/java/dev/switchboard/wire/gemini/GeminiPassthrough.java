package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;

/**
 * Gemini to Gemini relaying: upstream chunks go out as they came but for modelVersion (the catalog
 * model), responseId (one per stream) and the usageMetadata of the last chunk (the settled one).
 */
final class GeminiPassthrough implements Passthrough {
  @Override
  public Stream open(ChatRequest request, String model) {
    return new GeminiRelayedStream(model);
  }

  @Override
  public UnaryBody readBody(byte[] body) throws WireException {
    if (!(Json.tree(body) instanceof ObjectNode root)) {
      throw new WireException("upstream response is not a JSON object");
    }
    ChatResponse response = GeminiResponseCodec.decode(root);
    return new UnaryBody() {
      @Override
      public ChatResponse response() {
        return response;
      }

      @Override
      public byte[] answer(Usage settled, String model) {
        settle(root, settled, model);
        return Json.bytes(root);
      }
    };
  }

  /** The catalog model and the settled usage, written over the provider's own fields. */
  static void settle(ObjectNode root, Usage settled, String model) {
    JsonNode usage = root.get("usageMetadata");
    root.set(
        "usageMetadata",
        GeminiUsage.encode(
            settled, usage instanceof ObjectNode existing ? existing : Json.object()));
    root.put("modelVersion", model);
  }
}
