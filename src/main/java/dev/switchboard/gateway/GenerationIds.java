package dev.switchboard.gateway;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Ledger row ids: "gen-", the time in base 36 (so ids sort by time), and 12 random base-62
 * characters.
 */
final class GenerationIds {
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private GenerationIds() {}

  static String next() {
    StringBuilder id =
        new StringBuilder(32)
            .append("gen-")
            .append(Long.toString(System.currentTimeMillis(), 36))
            .append('-');
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 12; i++) {
      id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return id.toString();
  }
}
