package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Gemini's thoughtSignature values. Gemini answers in standard base64; the Python SDK holds them as
 * bytes and sends them back base64url-encoded; the documented dummies (see {@link #FOREIGN}) stand
 * for "no signature" and are read as none.
 */
final class GeminiSignatures {
  /**
   * The value Gemini documents for a functionCall whose signature is unknown because another model
   * made the call ("skip_thought_signature_validator", FAQ of
   * https://ai.google.dev/gemini-api/docs/thought-signatures): Gemini 3 answers 400 ("Function call
   * is missing a thought_signature") when the first functionCall of a step comes back without one.
   */
  static final String FOREIGN = "skip_thought_signature_validator";

  /**
   * The same dummy as a client must receive it: thoughtSignature is a bytes field, so SDKs decode
   * it as base64 (google-genai fails on the literal's '_'); {@link #of} reads it back as none.
   */
  static final String FOREIGN_FOR_CLIENTS =
      Base64.getEncoder().encodeToString(FOREIGN.getBytes(StandardCharsets.UTF_8));

  /** Both documented dummies, as text or as the base64 of their bytes (what SDKs send). */
  private static final Set<String> DUMMIES =
      Set.of(FOREIGN, "context_engineering_is_the_way_to_go");

  private GeminiSignatures() {}

  /**
   * The part's signature in standard base64, the alphabet Gemini answers in (the Python SDK sends
   * it back base64url-encoded); a documented dummy value is no signature.
   */
  static String of(JsonNode part) {
    String value = GeminiFields.get(part, "thoughtSignature").asText("");
    if (value.isEmpty() || DUMMIES.contains(value)) {
      return "";
    }
    boolean urlSafe = value.indexOf('-') >= 0 || value.indexOf('_') >= 0;
    byte[] bytes;
    try {
      bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(value);
    } catch (IllegalArgumentException notBase64) {
      return value;
    }
    if (DUMMIES.contains(new String(bytes, StandardCharsets.UTF_8))) {
      return "";
    }
    return urlSafe ? Base64.getEncoder().encodeToString(bytes) : value;
  }
}
