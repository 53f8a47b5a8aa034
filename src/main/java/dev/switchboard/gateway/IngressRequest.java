package dev.switchboard.gateway;

import java.util.Map;

/**
 * A client's chat request as the edge received it, with nothing of the transport left: the path
 * with its query, the headers with lower-cased names (a header sent twice appears once, its values
 * joined by ", " as RFC 9110 5.3 allows; the edge refuses a repeated header where that would be
 * ambiguous) and the body. The headers may carry credentials: never log them.
 */
public record IngressRequest(String path, Map<String, String> headers, byte[] body) {
  public IngressRequest {
    headers = Map.copyOf(headers);
  }

  /** The path without its query (which may carry a key, so it is never logged). */
  public String route() {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }
}
