package dev.switchboard.wire;

import java.util.List;
import java.util.Optional;

/**
 * A complete, non-streamed answer in the canonical model: its blocks in order (text, thinking, tool
 * calls), how it ended, and the provider's usage.
 */
public record ChatResponse(
    String id,
    String model,
    long created,
    List<Part> content,
    Finish finish,
    Optional<Usage> usage) {
  public ChatResponse {
    content = List.copyOf(content);
  }

  /** All generated text (answer, reasoning and tool calls): the input to token estimates. */
  public String completionText() {
    return Message.textOf(content);
  }

  /** The same answer under the catalog's model name, carrying the settled usage. */
  public ChatResponse settled(String catalogModel, Usage settled) {
    return new ChatResponse(id, catalogModel, created, content, finish, Optional.of(settled));
  }
}
