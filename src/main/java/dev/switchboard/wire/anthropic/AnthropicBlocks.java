package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.CacheHint;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Media;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.WireException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Canonical parts as Anthropic content blocks. What Anthropic cannot take is left out and named in
 * {@code dropped}: a thinking block without a signature (Claude refuses unsigned thinking), another
 * format's opaque block. Empty text blocks are left out silently: Anthropic refuses them and they
 * say nothing.
 */
final class AnthropicBlocks {
  private final Set<String> dropped;

  AnthropicBlocks(Set<String> dropped) {
    this.dropped = dropped;
  }

  ArrayNode write(List<Part> parts) throws WireException {
    ArrayNode out = Json.array();
    for (Part part : parts) {
      add(part, out);
    }
    return out;
  }

  void add(Part part, ArrayNode out) throws WireException {
    switch (part) {
      case Part.Text text when text.text().isEmpty() -> {
        // Anthropic refuses an empty text block.
      }
      case Part.Text text ->
          cached(out.addObject().put("type", "text").put("text", text.text()), text.cache());
      case Part.Image image ->
          cached(source(out.addObject().put("type", "image"), image.media()), image.cache());
      case Part.Document document -> {
        ObjectNode block = source(out.addObject().put("type", "document"), document.media());
        document.title().ifPresent(title -> block.put("title", title));
        cached(block, document.cache());
      }
      case Part.Thinking thinking when thinking.signature().isEmpty() -> dropped.add("thinking");
      case Part.Thinking thinking ->
          out.addObject()
              .put("type", "thinking")
              .put("thinking", thinking.text())
              .put("signature", thinking.signature());
      case Part.RedactedThinking redacted ->
          out.addObject().put("type", "redacted_thinking").put("data", redacted.data());
      case Part.ToolUse call -> {
        ObjectNode input =
            input(call.arguments())
                .orElseThrow(
                    () ->
                        new WireException(
                            "tool call '" + call.id() + "': its arguments are not a JSON object",
                            "messages",
                            null));
        toolUse(out, call, input);
      }
      case Part.ToolResult result -> toolResult(out, result);
      case Part.Opaque opaque when AnthropicFormat.NAME.equals(opaque.format()) ->
          out.add(opaque.json().deepCopy());
      case Part.Opaque opaque -> dropped.add(opaque.type());
    }
  }

  static void toolUse(ArrayNode out, Part.ToolUse call, ObjectNode input) {
    out.addObject()
        .put("type", "tool_use")
        .put("id", call.id())
        .put("name", call.name())
        .set("input", input);
  }

  private void toolResult(ArrayNode out, Part.ToolResult result) throws WireException {
    ObjectNode block =
        out.addObject().put("type", "tool_result").put("tool_use_id", result.toolUseId());
    boolean plain =
        result.content().stream()
            .allMatch(part -> part instanceof Part.Text text && text.cache().isEmpty());
    if (plain) {
      block.put("content", result.text());
    } else {
      block.set("content", write(result.content()));
    }
    if (result.isError()) {
      block.put("is_error", true);
    }
    cached(block, result.cache());
  }

  /** Tool arguments as the object Anthropic wants; "" (no arguments) is the empty object. */
  static Optional<ObjectNode> input(String arguments) {
    if (arguments.isBlank()) {
      return Optional.of(Json.object());
    }
    try {
      return Json.tree(arguments) instanceof ObjectNode object
          ? Optional.of(object)
          : Optional.empty();
    } catch (WireException e) {
      return Optional.empty();
    }
  }

  static ObjectNode cacheControl(CacheHint hint) {
    ObjectNode control = Json.object().put("type", "ephemeral");
    hint.ttl().ifPresent(ttl -> control.put("ttl", ttl));
    return control;
  }

  private static void cached(ObjectNode block, Optional<CacheHint> hint) {
    hint.ifPresent(h -> block.set("cache_control", cacheControl(h)));
  }

  /** Plain text travels as a text source, other inline bytes as base64, else by URL. */
  private static ObjectNode source(ObjectNode block, Media media) {
    ObjectNode source = block.putObject("source");
    switch (media) {
      case Media.Url url -> source.put("type", "url").put("url", url.url());
      case Media.Inline inline when "text/plain".equals(inline.mediaType()) ->
          source
              .put("type", "text")
              .put("media_type", "text/plain")
              .put("data", decoded(inline.base64()));
      case Media.Inline inline ->
          source
              .put("type", "base64")
              .put("media_type", inline.mediaType())
              .put("data", inline.base64());
    }
    return block;
  }

  private static String decoded(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return base64;
    }
  }
}
