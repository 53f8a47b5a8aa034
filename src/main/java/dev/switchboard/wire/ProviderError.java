package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's own error reply, kept so that a client of the same format gets it as the provider
 * sent it (Claude Code's retry logic reads Anthropic's status and error type). Untrusted: only a
 * bounded JSON body is kept, and every string in it is scrubbed like any provider text.
 */
public record ProviderError(String format, ErrorBody reply) {
  /** Larger error bodies are not relayed: ours, in the client's format, go out instead. */
  static final int MAX_BYTES = 16 * 1024;

  /** The reply as a client may see it, or empty when it is too large or not a JSON object. */
  public static Optional<ProviderError> of(String format, int status, byte[] body) {
    if (body.length > MAX_BYTES) {
      return Optional.empty();
    }
    try {
      if (Json.tree(body) instanceof ObjectNode object) {
        scrub(object);
        return Optional.of(new ProviderError(format, new ErrorBody(status, Json.bytes(object))));
      }
    } catch (WireException e) {
      // Not JSON: not relayed.
    }
    return Optional.empty();
  }

  private static void scrub(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getValue().isTextual()) {
          field.setValue(TextNode.valueOf(UntrustedText.scrub(field.getValue().asText())));
        } else {
          scrub(field.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isTextual()) {
          array.set(i, TextNode.valueOf(UntrustedText.scrub(array.get(i).asText())));
        } else {
          scrub(array.get(i));
        }
      }
    }
  }
}
