package dev.switchboard.sim;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a JSON schema written into the prompt, as apps do with {@code json_object}: "Reply with
 * JSON matching this schema: {...}". The last message's schema wins. Scanning is bounded (the first
 * characters of each message, a few parse attempts), since a prompt can be large.
 */
final class PromptSchema {
  private static final int MAX_SCANNED = 64 * 1024;
  private static final int MAX_ATTEMPTS = 32;
  // Tool results and earlier answers hold JSON too, but not the shape asked for.
  private static final Set<String> INSTRUCTING = Set.of("system", "developer", "user");

  private PromptSchema() {}

  static Optional<JsonNode> find(List<JsonNode> messages) {
    for (JsonNode message : messages.reversed()) {
      if (!INSTRUCTING.contains(message.path("role").asText())) {
        continue;
      }
      String text = TurnPlanner.text(message);
      char[] chars = text.substring(0, Math.min(text.length(), MAX_SCANNED)).toCharArray();
      int attempts = 0;
      for (int at = 0; at < chars.length && attempts < MAX_ATTEMPTS; at++) {
        if (chars[at] != '{') {
          continue;
        }
        attempts++;
        Optional<JsonNode> schema = schemaAt(chars, at);
        if (schema.isPresent()) {
          return schema;
        }
      }
    }
    return Optional.empty();
  }

  /** The JSON object starting at {@code at}, if it parses and looks like a schema. */
  private static Optional<JsonNode> schemaAt(char[] chars, int at) {
    try (JsonParser parser = Json.factory().createParser(chars, at, chars.length - at)) {
      JsonNode node = Json.mapper().readTree(parser);
      boolean schemaLike =
          node != null
              && node.isObject()
              && (node.has("properties") || node.has("$schema") || node.path("type").isTextual());
      return schemaLike ? Optional.of(node) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
