package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.CacheHint;
import dev.switchboard.wire.ContentParts;
import dev.switchboard.wire.JsonKind;
import dev.switchboard.wire.Media;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.WireException;
import java.util.List;
import java.util.Optional;

/**
 * A message's {@code content} (a string or an array of parts) as canonical parts. OpenRouter's
 * {@code cache_control} on a text part becomes a cache hint; a part type we do not translate is
 * kept opaque, for an OpenAI upstream only.
 */
final class OpenAiContent {
  private OpenAiContent() {}

  static List<Part> parts(JsonNode content, String path) throws WireException {
    if (content == null || content.isNull()) {
      return List.of();
    }
    return ContentParts.read(content, path, "content parts", OpenAiContent::part);
  }

  private static Part part(JsonNode part, String path) throws WireException {
    JsonKind.OBJECT.check(part, path);
    if (!part.path("type").isTextual()) {
      throw new WireException(path + ".type: required, a string", path + ".type", null);
    }
    String type = part.get("type").asText();
    Optional<CacheHint> cache = cacheHint(part.path("cache_control"));
    return switch (type) {
      case "text" -> new Part.Text(required(part, "text", path), cache);
      case "image_url" -> {
        JsonNode image = part.path("image_url");
        String url =
            image.isTextual() ? image.asText() : required(image, "url", path + ".image_url");
        yield new Part.Image(Media.ofUrl(url), cache);
      }
      case "file" -> {
        JsonNode file = part.path("file");
        yield file.path("file_data").isTextual()
            ? new Part.Document(
                Media.ofUrl(file.get("file_data").asText()),
                Optional.ofNullable(file.path("filename").textValue()),
                cache)
            : new Part.Opaque(OpenAiFormat.NAME, type, part);
      }
      default -> new Part.Opaque(OpenAiFormat.NAME, type, part);
    };
  }

  static Optional<CacheHint> cacheHint(JsonNode control) {
    if (!control.isObject()) {
      return Optional.empty();
    }
    return Optional.of(new CacheHint(Optional.ofNullable(control.path("ttl").textValue())));
  }

  private static String required(JsonNode node, String field, String path) throws WireException {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw new WireException(
          path + "." + field + ": required, a string", path + "." + field, null);
    }
    return value.asText();
  }
}
