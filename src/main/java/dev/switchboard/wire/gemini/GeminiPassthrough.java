package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.RelayedBody;
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
    return RelayedBody.read(body, GeminiResponseCodec::decode, GeminiPassthrough::settle);
  }

  /** The catalog model and the settled usage, written over the provider's own fields. */
  static void settle(ObjectNode root, Usage settled, String model) {
    RelayedBody.settleUsage(root, "usageMetadata", usage -> GeminiUsage.encode(settled, usage));
    root.put("modelVersion", model);
  }
}
