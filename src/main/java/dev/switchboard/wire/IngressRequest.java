package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * A client's chat request as the edge received it, with nothing of the transport left: the path
 * with its query (Gemini names the model and the stream choice there), the headers with lower-cased
 * names (a header sent twice appears once, its values joined by ", " as RFC 9110 5.3 allows) and
 * the body. The headers may carry credentials: never log them. {@code defaultModel} is the model of
 * a request whose body names none: the key's default model, when it has one.
 */
public record IngressRequest(
    String path, Map<String, String> headers, byte[] body, Optional<String> defaultModel) {
  public IngressRequest {
    headers = Map.copyOf(headers);
  }

  /** A request whose body must name its model. */
  public IngressRequest(String path, Map<String, String> headers, byte[] body) {
    this(path, headers, body, Optional.empty());
  }

  /** This request, read with {@code model} for a body that names none. */
  public IngressRequest withDefaultModel(String model) {
    return new IngressRequest(path, headers, body, Optional.of(model));
  }

  /**
   * The {@code model} field of {@code body}, or the default model when it has none.
   *
   * @throws WireException naming {@code model}: {@code missing} when there is neither, or when it
   *     is blank
   */
  public String model(ObjectNode body, String missing) throws WireException {
    JsonNode model = body.get("model");
    if (model == null || model.isNull()) {
      return defaultModel.orElseThrow(() -> new WireException(missing, "model", null));
    }
    if (model.asText().isBlank()) {
      throw new WireException("model: must not be empty", "model", null);
    }
    return model.asText();
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
