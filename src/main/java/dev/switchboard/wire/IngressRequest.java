package dev.switchboard.wire;

import java.util.Map;
import java.util.Optional;

/**
 * A client's chat request as the edge received it, with nothing of the transport left: the path
 * with its query (Gemini names the model and the stream choice there), the headers with lower-cased
 * names (a header sent twice appears once, its values joined by ", " as RFC 9110 5.3 allows) and
 * the body. The headers may carry credentials: never log them.
 */
public record IngressRequest(String path, Map<String, String> headers, byte[] body) {
  public IngressRequest {
    headers = Map.copyOf(headers);
  }

  public static IngressRequest of(byte[] body) {
    return new IngressRequest("", Map.of(), body);
  }

  /** The path without its query (which may carry a key, so it is never logged). */
  public String route() {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  public Optional<String> header(String lowerCaseName) {
    return Optional.ofNullable(headers.get(lowerCaseName));
  }
}
