package dev.switchboard.sim;

import java.nio.charset.StandardCharsets;

/** 64-bit FNV-1a, chainable: stable across runs and JVMs, unlike String.hashCode mixing. */
final class Fingerprint {
  static final long START = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private Fingerprint() {}

  static long of(String text) {
    return extend(START, text);
  }

  /** Continues a fingerprint with more text, so a list's fingerprint grows element by element. */
  static long extend(long fingerprint, String text) {
    long h = fingerprint;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= PRIME;
    }
    // A separator keeps ["ab","c"] and ["a","bc"] apart.
    h ^= 0xff;
    return h * PRIME;
  }
}
