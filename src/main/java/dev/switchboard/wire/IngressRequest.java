package dev.switchboard.wire;

import java.util.Map;
import java.util.Optional;

/**
 * A client's chat request as the HTTP edge received it: the path with its query (Gemini names the
 * model and the stream choice there), the headers under lower-case names, and the body.
 */
public record IngressRequest(String path, Map<String, String> headers, byte[] body) {
  public IngressRequest {
    headers = Map.copyOf(headers);
  }

  public static IngressRequest of(byte[] body) {
    return new IngressRequest("", Map.of(), body);
  }

  public Optional<String> header(String lowerCaseName) {
    return Optional.ofNullable(headers.get(lowerCaseName));
  }
}
