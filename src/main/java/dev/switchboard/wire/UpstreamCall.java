package dev.switchboard.wire;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request to a provider, relative to its base URL, without any secret: {@code auth} says
 * where the provider layer puts the credential. {@code dropped} names the client's fields the
 * target format cannot express and that were left out because that is harmless (the client learns
 * them in a response header).
 */
public record UpstreamCall(
    String path,
    Map<String, String> headers,
    byte[] body,
    AuthScheme auth,
    boolean stream,
    List<String> dropped) {
  public UpstreamCall {
    headers = Map.copyOf(headers);
    dropped = List.copyOf(dropped);
  }

  public UpstreamCall(
      String path, Map<String, String> headers, byte[] body, AuthScheme auth, boolean stream) {
    this(path, headers, body, auth, stream, List.of());
  }

  /** The headers of a JSON request whose answer is a stream of server-sent events or JSON. */
  public static Map<String, String> jsonHeaders(boolean stream) {
    return Map.of(
        "content-type",
        "application/json",
        "accept",
        stream ? "text/event-stream" : "application/json");
  }
}
