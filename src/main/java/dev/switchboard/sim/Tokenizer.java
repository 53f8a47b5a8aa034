package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Token arithmetic with OpenAI's o200k_base encoding, so the sim's usage matches what a gateway
 * estimates with the same tokenizer. Prompt tokens follow OpenAI's chat accounting: 3 per request
 * plus, per message, 4 tokens of framing and the tokens of its text.
 */
final class Tokenizer {
  static final int PER_REQUEST = 3;
  static final int PER_MESSAGE = 4;
  // The encoding is immutable and thread-safe; building it parses a large vocabulary, so once,
  // and only this one (the default registry would parse four). SimProvider.start loads it on a
  // worker thread, so no request's event-loop turn pays for it.
  private static final Encoding O200K =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

  private Tokenizer() {}

  /** Loads the vocabulary (a blocking call of a few seconds the first time); returns 0. */
  static int load() {
    return count("");
  }

  static int count(String text) {
    return O200K.countTokensOrdinary(text);
  }

  /** One chat message: 4 tokens of framing and the tokens of its text. */
  static int messageTokens(JsonNode message) {
    return PER_MESSAGE + textTokens(message.path("content"));
  }

  /** The tokens of a string, or of the {@code text} of each part of an array. */
  static int textTokens(JsonNode content) {
    if (content.isTextual()) {
      return count(content.asText());
    }
    int total = 0;
    for (JsonNode part : content) {
      if (part.path("text").isTextual()) {
        total += count(part.path("text").asText());
      }
    }
    return total;
  }

  /** The longest token prefix of {@code text} that re-encodes to at most {@code maxTokens}. */
  static String truncate(String text, int maxTokens) {
    IntArrayList tokens = O200K.encodeOrdinary(text);
    if (tokens.size() <= maxTokens) {
      return text;
    }
    // BPE does not promise that a decoded prefix re-encodes to the same length, so verify.
    for (int n = maxTokens; n > 0; n--) {
      String cut = O200K.decode(slice(tokens, 0, n));
      if (count(cut) <= maxTokens) {
        return cut;
      }
    }
    return "";
  }

  /**
   * Splits text into stream pieces of 1 to 3 tokens each, as a model emits them; the pieces
   * concatenate back to the text. Generated text is ASCII, so no piece splits a character.
   */
  static List<Piece> pieces(String text, SplittableRandom random) {
    IntArrayList tokens = O200K.encodeOrdinary(text);
    List<Piece> pieces = new ArrayList<>();
    int at = 0;
    while (at < tokens.size()) {
      int n = Math.min(1 + random.nextInt(3), tokens.size() - at);
      pieces.add(new Piece(O200K.decode(slice(tokens, at, at + n)), n));
      at += n;
    }
    return pieces;
  }

  private static IntArrayList slice(IntArrayList tokens, int from, int to) {
    IntArrayList out = new IntArrayList(to - from);
    for (int i = from; i < to; i++) {
      out.add(tokens.get(i));
    }
    return out;
  }

  /** A piece of streamed text and how many tokens it carries (for pacing). */
  record Piece(String text, int tokens) {}
}
