package dev.switchboard.sim;

import java.util.Base64;
import java.util.SplittableRandom;

/**
 * A plausible opaque signature for a block of thinking (Anthropic's {@code signature}, Gemini's
 * {@code thoughtSignature}): base64 of bytes seeded by the answer id and the thinking, so the unary
 * and the streamed form of one answer carry the same one.
 */
final class ThoughtSignature {
  private static final int BYTES = 240;

  private ThoughtSignature() {}

  static String of(String answerId, String thinking) {
    SplittableRandom random =
        new SplittableRandom(Fingerprint.extend(Fingerprint.of(answerId), thinking));
    byte[] bytes = new byte[BYTES];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return Base64.getEncoder().encodeToString(bytes);
  }
}
