package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One block of a message, a superset of what the three formats carry. A format that cannot express
 * a part drops it only when that is harmless and says so ({@link UpstreamCall#dropped()}), else it
 * refuses the request with a {@link WireException} naming the field.
 */
public sealed interface Part {
  /** Plain text. */
  record Text(String text, Optional<CacheHint> cache) implements Part {
    public static Text of(String text) {
      return new Text(text, Optional.empty());
    }
  }

  /** An image for the model to look at. */
  record Image(Media media, Optional<CacheHint> cache) implements Part {}

  /** A document such as a PDF (Anthropic's document block, Gemini's inline data, OpenAI's file). */
  record Document(Media media, Optional<String> title, Optional<CacheHint> cache) implements Part {}

  /**
   * The model's visible reasoning. {@code signature} is the provider's proof of it (Anthropic's
   * signature, Gemini's thoughtSignature), "" when the format has none; it travels byte-exact,
   * since Claude refuses an unsigned thinking block in a tool turn.
   */
  record Thinking(String text, String signature) implements Part {}

  /** Reasoning the provider encrypted; only the same provider can read {@code data}. */
  record RedactedThinking(String data) implements Part {}

  /** A tool call by the model; {@code arguments} is the JSON text exactly as generated. */
  record ToolUse(String id, String name, String arguments) implements Part {}

  /** The answer to a tool call; {@code isError} marks a failed tool (Anthropic's is_error). */
  record ToolResult(
      String toolUseId, List<Part> content, boolean isError, Optional<CacheHint> cache)
      implements Part {
    public ToolResult {
      content = List.copyOf(content);
    }

    public String text() {
      return Message.textOf(content);
    }
  }

  /**
   * A block only {@code format} understands (a server tool result, a citation block): relayed to a
   * provider of that format, refused or dropped by the others.
   */
  record Opaque(String format, String type, JsonNode json) implements Part {}
}
