package dev.switchboard.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A provider's non-streamed JSON body relayed to a client of the same format: parsed once, for its
 * canonical form, and sent as the provider's bytes but for the top-level members the format's
 * {@link Settler} writes over them (the catalog model, the settled usage), which alone are written
 * out ({@link OutgoingBody}).
 */
public final class RelayedBody implements Passthrough.UnaryBody {
  /** Reads the canonical answer from the provider's body. */
  @FunctionalInterface
  public interface Decoder {
    ChatResponse decode(ObjectNode root) throws WireException;
  }

  /** Writes the catalog model and the settled usage over the provider's body. */
  @FunctionalInterface
  public interface Settler {
    void settle(OutgoingBody body, Usage settled, String model);

    /**
     * Also names the provider serving (its display name), for a format with OpenRouter's {@code
     * provider} field; the others ignore it.
     */
    default void settle(OutgoingBody body, Usage settled, String model, String provider) {
      settle(body, settled, model);
    }
  }

  private final SourceBytes body;
  private final ChatResponse response;
  private final Settler settler;

  private RelayedBody(SourceBytes body, ChatResponse response, Settler settler) {
    this.body = body;
    this.response = response;
    this.settler = settler;
  }

  /** Parses {@code body}, which must be a JSON object, and decodes it once. */
  public static RelayedBody read(byte[] body, Decoder decoder, Settler settler)
      throws WireException {
    if (!(Json.tree(body) instanceof ObjectNode root)) {
      throw new WireException("upstream response is not a JSON object");
    }
    return new RelayedBody(SourceBytes.of(body, root), decoder.decode(root), settler);
  }

  /**
   * Sets the member {@code field} to what {@code encode} makes of the provider's usage object there
   * (a copy, or a new object when there is none), so the provider's other usage fields survive.
   */
  public static void settleUsage(
      OutgoingBody parent, String field, UnaryOperator<ObjectNode> encode) {
    parent.put(field, encode.apply(parent.object(field)));
  }

  /** As {@link #settleUsage(OutgoingBody, String, UnaryOperator)}, in {@code parent} itself. */
  public static void settleUsage(
      ObjectNode parent, String field, UnaryOperator<ObjectNode> encode) {
    settleUsage(OutgoingBody.of(parent), field, encode);
  }

  @Override
  public ChatResponse response() {
    return response;
  }

  @Override
  public byte[] answer(Usage settled, String model) {
    return settled(answer -> settler.settle(answer, settled, model));
  }

  @Override
  public byte[] answer(Usage settled, String model, String provider) {
    return settled(answer -> settler.settle(answer, settled, model, provider));
  }

  // A fresh answer each time: the provider's body itself is never changed.
  private byte[] settled(Consumer<OutgoingBody> settle) {
    OutgoingBody answer = OutgoingBody.relaying(body);
    settle.accept(answer);
    return answer.bytes();
  }
}
