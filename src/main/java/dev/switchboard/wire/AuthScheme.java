package dev.switchboard.wire;

/** How a wire format carries the provider credential; the provider layer injects the secret. */
public enum AuthScheme {
  BEARER,
  X_API_KEY,
  X_GOOG_API_KEY
}
