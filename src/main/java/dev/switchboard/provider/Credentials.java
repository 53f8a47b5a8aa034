package dev.switchboard.provider;

import dev.switchboard.wire.AuthScheme;
import io.vertx.core.http.RequestOptions;

/**
 * Puts a provider credential where its wire format expects it. The only code that handles provider
 * keys.
 */
final class Credentials {
  private Credentials() {}

  static void inject(AuthScheme scheme, String key, RequestOptions options) {
    switch (scheme) {
      case BEARER -> options.putHeader("authorization", "Bearer " + key);
      case X_API_KEY -> options.putHeader("x-api-key", key);
      case X_GOOG_API_KEY -> options.putHeader("x-goog-api-key", key);
    }
  }
}
