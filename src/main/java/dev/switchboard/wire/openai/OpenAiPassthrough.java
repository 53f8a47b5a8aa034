package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.RelayedBody;
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
    return RelayedBody.read(body, OpenAiResponseCodec::decode, OpenAiPassthrough::settle);
  }

  /** The catalog model and the settled usage, written over the provider's own fields. */
  private static void settle(ObjectNode root, Usage settled, String model) {
    root.put("model", model);
    RelayedBody.settleUsage(root, "usage", usage -> OpenAiUsage.encode(settled, usage));
  }
}
