package dev.switchboard.wire.conformance;

import dev.switchboard.wire.FinishReason;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a format is known not to carry, written down once instead of as ifs in the tests: the
 * cross-format checks skip exactly these comparisons for a client of that format, and accept
 * exactly these refusals from a provider format. Each entry says why; a loss not listed here fails
 * the matrix, so adding one is a decision someone reads in review.
 */
final class Capabilities {
  /** A part of an answer's meaning a format's own wire shape cannot hold. */
  enum Aspect {
    REASONING_SIGNATURE,
    REDACTED_REASONING,
    CACHE_WRITES,
    REASONING_TOKENS,
    COST,
    STOP_SEQUENCE,
    PAUSE
  }

  record Loss(String format, Aspect aspect, String why) {}

  /**
   * A request field a provider format cannot express without changing its meaning, so its {@code
   * encodeRequest} refuses it; {@code param} is a regex over {@code WireException.param()}.
   */
  record Refusal(String format, Pattern param, String why) {}

  static final List<Loss> LOSSES =
      List.of(
          new Loss(
              "openai",
              Aspect.REASONING_SIGNATURE,
              "Chat Completions has no field for a thinking signature"),
          new Loss("openai", Aspect.REDACTED_REASONING, "nor for encrypted (redacted) reasoning"),
          new Loss(
              "openai",
              Aspect.CACHE_WRITES,
              "its usage object counts cache reads only (prompt_tokens_details.cached_tokens)"),
          new Loss(
              "openai",
              Aspect.STOP_SEQUENCE,
              "finish_reason \"stop\" covers both an end of turn and a matched stop sequence"),
          new Loss(
              "openai",
              Aspect.PAUSE,
              "no word for a paused turn: the provider's raw word is sent and reads back as OTHER"),
          // Facts of the Anthropic and Gemini wire shapes, found by running this matrix with their
          // branches merged; entries for a format not registered are simply not consulted.
          new Loss(
              "anthropic",
              Aspect.REASONING_TOKENS,
              "usage has no thinking-token count; output_tokens includes them"),
          new Loss(
              "gemini",
              Aspect.CACHE_WRITES,
              "usageMetadata counts cache reads only (cachedContentTokenCount), never writes"),
          new Loss(
              "gemini",
              Aspect.REDACTED_REASONING,
              "no encrypted thinking part (only thoughtSignature on a visible part)"),
          new Loss(
              "gemini",
              Aspect.STOP_SEQUENCE,
              "finishReason STOP covers both an end of turn and a matched stop sequence"),
          new Loss(
              "gemini",
              Aspect.PAUSE,
              "no finishReason for a paused turn: the raw word is sent and reads back as OTHER"),
          new Loss(
              "responses",
              Aspect.CACHE_WRITES,
              "usage counts cached input only (input_tokens_details.cached_tokens), never writes"),
          new Loss(
              "responses",
              Aspect.STOP_SEQUENCE,
              "a response has a status, not a finish reason: a matched stop sequence is completed"),
          new Loss(
              "responses",
              Aspect.PAUSE,
              "a paused turn is incomplete with the provider's raw word, which reads back as OTHER"));

  static final List<Refusal> REFUSALS = List.of();

  private Capabilities() {}

  static boolean loses(String format, Aspect aspect) {
    return LOSSES.stream()
        .anyMatch(loss -> loss.format().equals(format) && loss.aspect() == aspect);
  }

  static boolean refuses(String format, String param) {
    return REFUSALS.stream()
        .anyMatch(r -> r.format().equals(format) && r.param().matcher(param).matches());
  }

  /**
   * A reasoning signature as a client of {@code format} receives it: Gemini's thoughtSignature is a
   * bytes field, so a signature in base64url (an OpenAI encrypted_content) reaches its clients as
   * the same bytes in standard base64.
   */
  static String signatureAsSeenBy(String format, String signature) {
    if (!format.equals("gemini") || (signature.indexOf('-') < 0 && signature.indexOf('_') < 0)) {
      return signature;
    }
    try {
      return java.util.Base64.getEncoder()
          .encodeToString(java.util.Base64.getUrlDecoder().decode(signature));
    } catch (IllegalArgumentException notBase64) {
      return signature;
    }
  }

  /** The finish reason a client of {@code format} can tell apart from the one the provider gave. */
  static FinishReason asSeenBy(String format, FinishReason reason) {
    return switch (reason) {
      case STOP_SEQUENCE -> loses(format, Aspect.STOP_SEQUENCE) ? FinishReason.STOP : reason;
      case PAUSE -> loses(format, Aspect.PAUSE) ? FinishReason.OTHER : reason;
      default -> reason;
    };
  }
}
