package dev.switchboard.sim;

import java.util.Locale;
import java.util.Map;

/**
 * One request as the sim received it, recorded once its body was read and before it was answered.
 * Header names are lower case; a repeated header keeps its values joined by ", ".
 */
public record RecordedRequest(
    String providerId, String path, Map<String, String> headers, String body) {

  public RecordedRequest {
    headers = Map.copyOf(headers);
  }

  /** The value of a header, by name in any case, or "" when absent. */
  public String header(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
  }
}
