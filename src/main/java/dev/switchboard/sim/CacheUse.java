package dev.switchboard.sim;

/**
 * How a request used the provider's prompt cache: tokens read from it, and tokens written to it
 * with a 5-minute or a 1-hour lifetime (writes happen only with explicit breakpoints).
 */
record CacheUse(int read, int written5m, int written1h) {
  static final CacheUse NONE = new CacheUse(0, 0, 0);

  static CacheUse read(int tokens) {
    return new CacheUse(tokens, 0, 0);
  }

  int written() {
    return written5m + written1h;
  }
}
