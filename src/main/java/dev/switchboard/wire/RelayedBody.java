package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.UnaryOperator;

/**
 * A provider's non-streamed JSON body relayed to a client of the same format: parsed once, for its
 * canonical form and for the bytes the client gets, which are the provider's but for what the
 * format's {@link Settler} writes over them (the catalog model, the settled usage).
 */
public final class RelayedBody implements Passthrough.UnaryBody {
  /** Reads the canonical answer from the provider's body. */
  @FunctionalInterface
  public interface Decoder {
    ChatResponse decode(ObjectNode root) throws WireException;
  }

  /** Writes the catalog model and the settled usage over the provider's body, in place. */
  @FunctionalInterface
  public interface Settler {
    void settle(ObjectNode root, Usage settled, String model);

    /**
     * Also names the provider serving (its display name), for a format with OpenRouter's {@code
     * provider} field; the others ignore it.
     */
    default void settle(ObjectNode root, Usage settled, String model, String provider) {
      settle(root, settled, model);
    }
  }

  private final ObjectNode root;
  private final ChatResponse response;
  private final Settler settler;

  private RelayedBody(ObjectNode root, ChatResponse response, Settler settler) {
    this.root = root;
    this.response = response;
    this.settler = settler;
  }

  /** Parses {@code body}, which must be a JSON object, and decodes it once. */
  public static RelayedBody read(byte[] body, Decoder decoder, Settler settler)
      throws WireException {
    if (!(Json.tree(body) instanceof ObjectNode root)) {
      throw new WireException("upstream response is not a JSON object");
    }
    return new RelayedBody(root, decoder.decode(root), settler);
  }

  /**
   * Sets {@code parent.field} to what {@code encode} makes of the provider's usage object there (a
   * new object when there is none), so the provider's other usage fields survive.
   */
  public static void settleUsage(
      ObjectNode parent, String field, UnaryOperator<ObjectNode> encode) {
    JsonNode usage = parent.get(field);
    parent.set(
        field, encode.apply(usage instanceof ObjectNode existing ? existing : Json.object()));
  }

  @Override
  public ChatResponse response() {
    return response;
  }

  @Override
  public byte[] answer(Usage settled, String model) {
    settler.settle(root, settled, model);
    return Json.bytes(root);
  }

  @Override
  public byte[] answer(Usage settled, String model, String provider) {
    settler.settle(root, settled, model, provider);
    return Json.bytes(root);
  }
}
