package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;

/**
 * Anthropic to Anthropic relaying: the provider's events and bodies go out as they came (thinking
 * signatures, server tool blocks, unknown fields) but for the model name and the usage.
 */
final class AnthropicPassthrough implements Passthrough {
  @Override
  public Stream open(ChatRequest request, String model) {
    return new AnthropicRelayedStream(model);
  }

  @Override
  public UnaryBody readBody(byte[] body) throws WireException {
    if (!(Json.tree(body) instanceof ObjectNode root)) {
      throw new WireException("upstream response is not a JSON object");
    }
    ChatResponse response = AnthropicResponseCodec.decode(root);
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
            AnthropicUsage.encode(
                settled, usage instanceof ObjectNode existing ? existing : Json.object()));
        return Json.bytes(root);
      }
    };
  }
}
