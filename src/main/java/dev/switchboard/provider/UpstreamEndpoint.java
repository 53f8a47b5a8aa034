package dev.switchboard.provider;

import java.util.Optional;

/** Where one provider is reached: its id (for errors and logs), base URL and credential. */
public record UpstreamEndpoint(String providerId, String baseUrl, Optional<String> apiKey) {
  @Override
  public String toString() {
    // Never print the key, even by accident in a log line or a test failure.
    return "UpstreamEndpoint[" + providerId + ", " + baseUrl + "]";
  }
}
