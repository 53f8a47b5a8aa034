package dev.switchboard.autoroute;

import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.Role;
import java.util.List;

/**
 * The text the router scores, one rule for training and serving: the plain text of the latest user
 * message that has any. Tool results, images and the system prompt are left out: the benchmarks the
 * model learns from are single user questions, and an agent's system prompt says little about how
 * hard this turn is. Long text is cut to its head and tail, where questions and instructions sit.
 */
public final class PromptText {
  /** Characters kept from the start and from the end of a long prompt. */
  static final int HEAD = 1200;

  static final int TAIL = 600;

  private PromptText() {}

  /** The text {@link PromptScorer#score} should receive for this request ("" when it has none). */
  public static String promptText(ChatRequest request) {
    List<Message> messages = request.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      Message message = messages.get(i);
      if (message.role() != Role.USER) {
        continue;
      }
      String text = plainText(message.parts());
      if (!text.isBlank()) {
        return clip(text);
      }
    }
    return "";
  }

  /** A long prompt's head and tail, joined by a blank line; a short one unchanged. */
  public static String clip(String text) {
    return clip(text, HEAD, TAIL);
  }

  /** The first {@code head} and last {@code tail} characters of a longer text, joined. */
  static String clip(String text, int head, int tail) {
    String trimmed = text.strip();
    if (trimmed.length() <= head + tail) {
      return trimmed;
    }
    return trimmed.substring(0, head) + "\n\n" + trimmed.substring(trimmed.length() - tail);
  }

  private static String plainText(List<Part> parts) {
    StringBuilder text = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Part.Text t) {
        if (!text.isEmpty()) {
          text.append('\n');
        }
        text.append(t.text());
      }
    }
    return text.toString();
  }
}
