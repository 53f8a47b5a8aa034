package dev.switchboard.wire.responses;

import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.OutgoingBody;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.RelayedBody;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;

/**
 * Same-format relaying, for a provider that serves the Responses API itself: its events and bodies
 * reach the client as they came but for the catalog model and the settled usage.
 */
final class ResponsesPassthrough implements Passthrough, RelayedBody.Settler {
  @Override
  public Stream open(ChatRequest request, String model) {
    return new ResponsesRelayedStream(model);
  }

  @Override
  public UnaryBody readBody(byte[] body) throws WireException {
    return RelayedBody.read(body, root -> ResponsesResponseCodec.decode(root), this);
  }

  @Override
  public void settle(OutgoingBody body, Usage settled, String model) {
    body.put("model", model);
    body.put("usage", ResponsesUsage.encode(settled));
  }
}
