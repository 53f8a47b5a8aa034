package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.CacheHint;
import dev.switchboard.wire.ContentParts;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.JsonKind;
import dev.switchboard.wire.Media;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.WireException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Anthropic content blocks (of a request message, a tool result or a response) as canonical parts.
 * A block type we do not translate (server tool use and results, search results, container uploads)
 * stays opaque, for an Anthropic upstream only.
 */
final class AnthropicContent {
  private AnthropicContent() {}

  /** A {@code content} value: a string (one text block) or an array of blocks. */
  static List<Part> parts(JsonNode content, String path) throws WireException {
    if (content == null || content.isNull() || content.isMissingNode()) {
      throw new WireException(path + ": required", path, null);
    }
    return ContentParts.read(content, path, "content blocks", AnthropicContent::part);
  }

  static Part part(JsonNode block, String path) throws WireException {
    JsonKind.OBJECT.check(block, path);
    String type = string(block, "type", path);
    Optional<CacheHint> cache = cacheHint(block.path("cache_control"));
    return switch (type) {
      case "text" -> new Part.Text(string(block, "text", path), cache);
      case "image" ->
          media(block, path).<Part>map(m -> new Part.Image(m, cache)).orElse(opaque(block, type));
      case "document" ->
          media(block, path)
              .<Part>map(
                  m ->
                      new Part.Document(
                          m, Optional.ofNullable(block.path("title").textValue()), cache))
              .orElse(opaque(block, type));
      case "thinking" ->
          new Part.Thinking(string(block, "thinking", path), block.path("signature").asText(""));
      case "redacted_thinking" -> new Part.RedactedThinking(string(block, "data", path));
      case "tool_use" -> {
        JsonNode input = block.path("input");
        JsonKind.OBJECT.check(input, path + ".input");
        yield new Part.ToolUse(
            string(block, "id", path), string(block, "name", path), Json.string(input));
      }
      case "tool_result" -> toolResult(block, path, cache);
      default -> opaque(block, type);
    };
  }

  private static Part toolResult(JsonNode block, String path, Optional<CacheHint> cache)
      throws WireException {
    JsonNode content = block.path("content");
    List<Part> parts =
        content.isMissingNode() || content.isNull() ? List.of() : parts(content, path + ".content");
    JsonNode isError = block.path("is_error");
    if (!isError.isMissingNode() && !isError.isNull()) {
      JsonKind.BOOLEAN.check(isError, path + ".is_error");
    }
    return new Part.ToolResult(
        string(block, "tool_use_id", path), parts, isError.asBoolean(false), cache);
  }

  /**
   * The source of an image or document: base64, a URL, or (documents) plain text, kept as inline
   * text/plain bytes. Another source (a Files API id, nested content) has no canonical form.
   */
  private static Optional<Media> media(JsonNode block, String path) throws WireException {
    JsonNode source = block.path("source");
    JsonKind.OBJECT.check(source, path + ".source");
    String where = path + ".source";
    return switch (source.path("type").asText("")) {
      case "base64" ->
          Optional.of(
              new Media.Inline(string(source, "media_type", where), string(source, "data", where)));
      case "url" -> Optional.of(new Media.Url(string(source, "url", where)));
      case "text" ->
          Optional.of(
              new Media.Inline(
                  "text/plain",
                  Base64.getEncoder()
                      .encodeToString(
                          string(source, "data", where).getBytes(StandardCharsets.UTF_8))));
      default -> Optional.empty();
    };
  }

  private static Part opaque(JsonNode block, String type) {
    return new Part.Opaque(AnthropicFormat.NAME, type, block);
  }

  static Optional<CacheHint> cacheHint(JsonNode control) {
    if (!control.isObject()) {
      return Optional.empty();
    }
    return Optional.of(new CacheHint(Optional.ofNullable(control.path("ttl").textValue())));
  }

  static String string(JsonNode node, String field, String path) throws WireException {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw new WireException(
          path + "." + field + ": required, a string", path + "." + field, null);
    }
    return value.asText();
  }
}
