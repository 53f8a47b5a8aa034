package dev.switchboard.ratelimit;

import java.util.Map;

/** The permit of a request no limit applies to: nothing to free, nothing to tell. */
enum UnlimitedPermit implements Permit {
  INSTANCE;

  @Override
  public void release(long actualTokens) {}

  @Override
  public Map<String, String> headers() {
    return Map.of();
  }
}
