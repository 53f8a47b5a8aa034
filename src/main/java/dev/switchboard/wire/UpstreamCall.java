package dev.switchboard.wire;

import java.util.Map;

/**
 * An HTTP request to a provider, relative to its base URL, without any secret: {@code auth} says
 * where the provider layer puts the credential.
 */
public record UpstreamCall(
    String path, Map<String, String> headers, byte[] body, AuthScheme auth, boolean stream) {
  public UpstreamCall {
    headers = Map.copyOf(headers);
  }
}
