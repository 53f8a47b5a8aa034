package dev.switchboard.wire.openai;

import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.OutgoingBody;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.RelayedBody;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;

/**
 * Same-format relaying for OpenAI clients: streams through {@link OpenAiRelayedStream}, bodies
 * through {@link RelayedBody}; both also carry OpenRouter's top-level {@code provider} field when
 * the gateway names the provider serving.
 */
final class OpenAiPassthrough implements Passthrough, RelayedBody.Settler {
  @Override
  public Stream open(ChatRequest request, String model) {
    return new OpenAiRelayedStream(model);
  }

  @Override
  public Stream open(ChatRequest request, String model, String provider) {
    return new OpenAiRelayedStream(model, provider);
  }

  @Override
  public UnaryBody readBody(byte[] body) throws WireException {
    return RelayedBody.read(body, OpenAiResponseCodec::decode, this);
  }

  /**
   * A non-streamed answer relayed: the catalog model and the settled usage, written over the
   * provider's own fields (the rest of its body goes out as it came).
   */
  @Override
  public void settle(OutgoingBody body, Usage settled, String model) {
    body.put("model", model);
    RelayedBody.settleUsage(body, "usage", usage -> OpenAiUsage.encode(settled, usage));
  }

  @Override
  public void settle(OutgoingBody body, Usage settled, String model, String provider) {
    settle(body, settled, model);
    body.put("provider", provider);
  }
}
