package dev.switchboard.wire.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.CacheHint;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Media;
import dev.switchboard.wire.Part;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Canonical parts and responses as stable JSON for the goldens (expected-response.json, and the
 * messages of expected-request.json). Inline media is written as its length and SHA-256, so a
 * golden stays readable and still catches a changed byte.
 */
final class PartJson {
  private PartJson() {}

  static ObjectNode response(ChatResponse response) {
    ObjectNode node =
        Json.object()
            .put("id", response.id())
            .put("model", response.model())
            .put("created", response.created());
    node.set("content", parts(response.content()));
    node.set("finish", EventJson.finish(Json.object(), response.finish()));
    response
        .usage()
        .ifPresentOrElse(
            usage -> node.set("usage", EventJson.usage(Json.object(), usage)),
            () -> node.putNull("usage"));
    return node;
  }

  static ArrayNode parts(List<Part> parts) {
    ArrayNode array = Json.array();
    parts.forEach(part -> array.add(part(part)));
    return array;
  }

  static ObjectNode part(Part part) {
    return switch (part) {
      case Part.Text t -> cache(typed("text").put("text", t.text()), t.cache());
      case Part.Image i -> cache(media(typed("image"), i.media()), i.cache());
      case Part.Document d -> {
        ObjectNode node = media(typed("document"), d.media());
        d.title().ifPresent(title -> node.put("title", title));
        yield cache(node, d.cache());
      }
      case Part.Thinking t ->
          typed("thinking").put("text", t.text()).put("signature", t.signature());
      case Part.RedactedThinking r -> typed("redacted_thinking").put("data", r.data());
      case Part.ToolUse t ->
          typed("tool_use").put("id", t.id()).put("name", t.name()).put("arguments", t.arguments());
      case Part.ToolResult r -> {
        ObjectNode node =
            typed("tool_result").put("tool_use_id", r.toolUseId()).put("is_error", r.isError());
        node.set("content", parts(r.content()));
        yield cache(node, r.cache());
      }
      case Part.Opaque o -> {
        ObjectNode node = typed("opaque").put("format", o.format()).put("block_type", o.type());
        node.set("json", o.json());
        yield node;
      }
    };
  }

  static ObjectNode cache(ObjectNode node, Optional<CacheHint> cache) {
    cache.ifPresent(hint -> node.put("cache", hint.ttl().orElse("default")));
    return node;
  }

  private static ObjectNode media(ObjectNode node, Media media) {
    return switch (media) {
      case Media.Url url -> node.put("url", url.url());
      case Media.Inline inline ->
          node.put("media_type", inline.mediaType())
              .put("base64_chars", inline.base64().length())
              .put("base64_sha256", sha256(inline.base64()));
    };
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static ObjectNode typed(String type) {
    return Json.object().put("type", type);
  }
}
