package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;

/**
 * OpenAI to OpenAI relaying: upstream chunks go out as they came but for the identity fields
 * (catalog model, one id and created per stream); the usage is replaced.
 */
final class OpenAiPassthrough implements Passthrough {
  @Override
  public Stream open(ChatRequest request, String model) {
    return new OpenAiRelayedStream(model);
  }

  @Override
  public UnaryBody readBody(byte[] body) throws WireException {
    if (!(Json.tree(body) instanceof ObjectNode root)) {
      throw new WireException("upstream response is not a JSON object");
    }
    ChatResponse response = OpenAiResponseCodec.decode(root);
    return new UnaryBody() {
      @Override
      public ChatResponse response() {
        return response;
      }

      @Override
      public byte[] answer(Usage settled, String model) {
        root.put("model", model);
        JsonNode usage = root.get("usage");
        root.set(
            "usage",
            OpenAiUsage.encode(
                settled, usage instanceof ObjectNode existing ? existing : Json.object()));
        return Json.bytes(root);
      }
    };
  }
}
