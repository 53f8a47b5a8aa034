package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An Anthropic request's prompt in cache order (tools, system, messages), one segment per tool and
 * per content block, with a breakpoint wherever a block carries {@code cache_control} (5 minutes,
 * or 1 hour with {@code ttl: "1h"}); a top-level {@code cache_control} marks the last block, as
 * Anthropic's automatic caching does. A block's identity leaves its {@code cache_control} out, so
 * moving a breakpoint never changes what is cached. Previous turns' thinking costs no tokens, since
 * Anthropic drops it from the context; an image or document counts a flat 1,000.
 */
final class AnthropicPrompt {
  /** The smallest cacheable prefix of Claude Sonnet and Opus models. */
  static final int MIN_CACHEABLE = 1024;

  static final int MAX_BREAKPOINTS = 4;
  private static final int MEDIA_TOKENS = 1_000;

  private AnthropicPrompt() {}

  static Prompt of(JsonNode root) throws SimRejection {
    List<Prompt.Segment> segments = new ArrayList<>();
    for (JsonNode tool : root.path("tools")) {
      segments.add(segment("tool", tool, Tokenizer.count(identity(tool))));
    }
    JsonNode system = root.path("system");
    if (system.isTextual()) {
      segments.add(
          Prompt.Segment.of("system:" + system.asText(), Tokenizer.count(system.asText())));
    }
    for (JsonNode block : system.isArray() ? system : Json.array()) {
      segments.add(segment("system", block, blockTokens(block)));
    }
    for (JsonNode message : root.path("messages")) {
      messageSegments(message, segments);
    }
    JsonNode automatic = root.path("cache_control");
    if (automatic.isObject() && !segments.isEmpty()) {
      Prompt.Segment last = segments.removeLast();
      segments.add(new Prompt.Segment(last.identity(), last.tokens(), Optional.of(ttl(automatic))));
    }
    long marks = segments.stream().filter(s -> s.breakpoint().isPresent()).count();
    if (marks > MAX_BREAKPOINTS) {
      throw new SimRejection(
          SimError.badRequest(
              "A maximum of 4 blocks with cache_control may be provided. Found " + marks + ".",
              null,
              null));
    }
    return new Prompt(segments, Tokenizer.PER_REQUEST, new Prompt.Caching.Explicit(MIN_CACHEABLE));
  }

  private static void messageSegments(JsonNode message, List<Prompt.Segment> segments)
      throws SimRejection {
    String role = message.path("role").asText("user") + ":";
    JsonNode content = message.path("content");
    if (content.isTextual()) {
      int tokens = Tokenizer.PER_MESSAGE + Tokenizer.count(content.asText());
      segments.add(Prompt.Segment.of(role + content.asText(), tokens));
      return;
    }
    int framing = Tokenizer.PER_MESSAGE;
    for (JsonNode block : content) {
      segments.add(segment(role, block, framing + blockTokens(block)));
      role = "";
      framing = 0;
    }
  }

  private static Prompt.Segment segment(String prefix, JsonNode block, int tokens)
      throws SimRejection {
    JsonNode mark = block.path("cache_control");
    Optional<Duration> breakpoint = mark.isObject() ? Optional.of(ttl(mark)) : Optional.empty();
    return new Prompt.Segment(prefix + identity(block), tokens, breakpoint);
  }

  private static Duration ttl(JsonNode mark) throws SimRejection {
    return switch (mark.path("ttl").asText("5m")) {
      case "5m" -> Duration.ofMinutes(5);
      case "1h" -> Duration.ofHours(1);
      default ->
          throw new SimRejection(
              SimError.badRequest("cache_control.ttl: Input should be '5m' or '1h'", null, null));
    };
  }

  private static String identity(JsonNode block) {
    if (block instanceof ObjectNode object && object.has("cache_control")) {
      ObjectNode copy = object.deepCopy();
      copy.remove("cache_control");
      return Json.string(copy);
    }
    return Json.string(block);
  }

  private static int blockTokens(JsonNode block) {
    return switch (block.path("type").asText("")) {
      case "text" -> Tokenizer.count(block.path("text").asText(""));
      case "tool_use" ->
          Tokenizer.count(block.path("name").asText("") + AsciiJson.of(block.path("input")));
      case "tool_result" -> Tokenizer.count(AnthropicConversation.text(block.path("content")));
      case "thinking", "redacted_thinking" -> 0;
      case "image", "document" -> MEDIA_TOKENS;
      default -> Tokenizer.count(identity(block));
    };
  }
}
