package dev.switchboard.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A chat request in the canonical model, rich enough to rebuild it in any format without loss: the
 * leading system prompt as parts, the conversation, the tools, the generation controls and the
 * routing hints. {@code source} keeps the body exactly as the client sent it (and the headers its
 * format forwards), so an upstream of the same format receives every field, including ones we never
 * interpret.
 */
public record ChatRequest(
    String model,
    List<Part> system,
    List<Message> messages,
    List<ToolSpec> tools,
    Controls controls,
    RoutingHints hints,
    boolean stream,
    Source source) {

  /**
   * The original body, the format it was written in, and the client headers that format passes
   * upstream unchanged (Anthropic's anthropic-beta, say). Treat the body as read-only. {@code
   * untranslated} names the top-level body fields the parser kept only for an upstream of the same
   * format (Anthropic's context_management): another format cannot carry them, so a request sent to
   * one has dropped them. {@code bytes}: the body as it came; a source built with another body (a
   * redacted one) has none.
   */
  public record Source(
      String format,
      ObjectNode body,
      Map<String, String> headers,
      List<String> untranslated,
      Optional<SourceBytes> bytes) {
    public Source {
      headers = Map.copyOf(headers);
      untranslated = List.copyOf(untranslated);
    }

    public Source(
        String format, ObjectNode body, Map<String, String> headers, List<String> untranslated) {
      this(format, body, headers, untranslated, Optional.empty());
    }

    public Source(String format, ObjectNode body, Map<String, String> headers) {
      this(format, body, headers, List.of());
    }

    public Source(String format, ObjectNode body) {
      this(format, body, Map.of(), List.of());
    }

    /** This source with the bytes its body was parsed from. */
    public Source parsedFrom(byte[] json) {
      return new Source(
          format, body, headers, untranslated, Optional.of(SourceBytes.of(json, body)));
    }
  }

  public ChatRequest {
    system = List.copyOf(system);
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
  }

  /**
   * This request as if it had asked for {@code model} with {@code fallbacks} as its {@code models}:
   * what the auto router plans once it picked. Its source (the client's body) is unchanged.
   */
  public ChatRequest routedTo(String model, List<String> fallbacks) {
    return new ChatRequest(
        model, system, messages, tools, controls, hints.withModels(fallbacks), stream, source);
  }

  public OptionalLong maxOutputTokens() {
    return controls.maxOutputTokens();
  }

  /** All prompt text, in order: the input to token estimates. */
  public String promptText() {
    StringBuilder text = new StringBuilder();
    if (!system.isEmpty()) {
      text.append("system\n").append(Message.textOf(system)).append('\n');
    }
    for (Message message : messages) {
      text.append(message.role().name().toLowerCase(java.util.Locale.ROOT))
          .append('\n')
          .append(message.text())
          .append('\n');
    }
    for (ToolSpec tool : tools) {
      text.append(tool.name()).append('\n');
    }
    return text.toString();
  }
}
