package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.RelayedBody;
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
    return RelayedBody.read(body, AnthropicResponseCodec::decode, AnthropicPassthrough::settle);
  }

  /** The catalog model and the settled usage, written over the provider's own fields. */
  private static void settle(ObjectNode root, Usage settled, String model) {
    root.put("model", model);
    RelayedBody.settleUsage(root, "usage", usage -> AnthropicUsage.encode(settled, usage));
  }
}
