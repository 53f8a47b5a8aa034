package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Part;
import java.util.Base64;

/**
 * Reasoning items both ways. A reasoning item's {@code encrypted_content} is opaque to the client,
 * which sends it back unmodified: it carries the provider's proof of the reasoning (Anthropic's
 * signature, Gemini's thoughtSignature) as it is, or a whole encrypted block (Anthropic's
 * redacted_thinking) behind the {@value #REDACTED} prefix, which no provider's signature (base64)
 * can begin with. The reasoning text travels as the item's summary, byte-exact, since a provider
 * checks its signature against it.
 */
final class ResponsesReasoning {
  static final String REDACTED = "redacted:";

  private ResponsesReasoning() {}

  /**
   * A reasoning item as a canonical part: its text from the reasoning content when present
   * (OpenRouter's reasoning_text), else its summary.
   */
  static Part read(JsonNode item) {
    String encrypted = item.path("encrypted_content").asText("");
    if (encrypted.startsWith(REDACTED)) {
      return new Part.RedactedThinking(encrypted.substring(REDACTED.length()));
    }
    String text = texts(item.path("content"), "reasoning_text");
    if (text.isEmpty()) {
      text = texts(item.path("summary"), "summary_text");
    }
    return new Part.Thinking(text, encrypted);
  }

  /**
   * The encrypted_content value of a signed reasoning block ("" when it has none). OpenAI's own (a
   * Fernet token, base64url of bytes beginning 0x80) may come back from a Gemini client in standard
   * base64, thoughtSignature being a bytes field there: it is put back in base64url.
   */
  static String encrypted(Part.Thinking thinking) {
    String signature = thinking.signature();
    if (signature.startsWith("gAAAAA")
        && (signature.indexOf('+') >= 0 || signature.indexOf('/') >= 0)) {
      try {
        return Base64.getUrlEncoder().encodeToString(Base64.getDecoder().decode(signature));
      } catch (IllegalArgumentException notBase64) {
        return signature;
      }
    }
    return signature;
  }

  static String encrypted(Part.RedactedThinking redacted) {
    return REDACTED + redacted.data();
  }

  /** A complete reasoning item: the text as one summary part, the proof as encrypted_content. */
  static ObjectNode item(String id, String text, String encrypted) {
    ObjectNode item = ResponsesItems.reasoning(id);
    if (!text.isEmpty()) {
      item.withArray("summary").addObject().put("type", "summary_text").put("text", text);
    }
    if (!encrypted.isEmpty()) {
      item.put("encrypted_content", encrypted);
    }
    return item;
  }

  private static String texts(JsonNode parts, String type) {
    StringBuilder text = new StringBuilder();
    for (JsonNode part : parts) {
      if (type.equals(part.path("type").asText())) {
        if (!text.isEmpty()) {
          // Summary parts are paragraphs.
          text.append("\n\n");
        }
        text.append(part.path("text").asText(""));
      }
    }
    return text.toString();
  }
}
