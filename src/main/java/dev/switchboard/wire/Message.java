package dev.switchboard.wire;

import java.util.List;

/** One message of a conversation: its author and its blocks, in order. */
public record Message(Role role, List<Part> parts) {
  public Message {
    parts = List.copyOf(parts);
  }

  public static Message text(Role role, String text) {
    return new Message(role, List.of(Part.Text.of(text)));
  }

  /** The text parts joined: what token estimates and detectors read. */
  public String text() {
    return textOf(parts);
  }

  /** Every text a part carries (text, reasoning, tool arguments and results), joined. */
  public static String textOf(List<Part> parts) {
    if (parts.size() == 1 && parts.getFirst() instanceof Part.Text only) {
      // The usual case needs no copy: a large prompt is not duplicated.
      return only.text();
    }
    StringBuilder text = new StringBuilder();
    for (Part part : parts) {
      switch (part) {
        case Part.Text t -> text.append(t.text());
        case Part.Thinking t -> text.append(t.text());
        case Part.ToolUse t -> text.append(t.name()).append(t.arguments());
        case Part.ToolResult t -> text.append(t.text());
        case Part.Image i -> {
          // Counted by the provider, not by our estimate.
        }
        case Part.Document d -> {
          // Likewise.
        }
        case Part.RedactedThinking r -> {
          // Opaque to us.
        }
        case Part.Opaque o -> {
          // Opaque to us.
        }
      }
    }
    return text.toString();
  }
}
