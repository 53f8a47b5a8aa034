package dev.switchboard.wire.gemini;

import dev.switchboard.wire.WireException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * What a Gemini client says in its request path: the model and whether it streams. The path is
 * {@code /v1beta/models/{model}:generateContent} or {@code :streamGenerateContent?alt=sse}. A
 * catalog id holds a slash ({@code google/gemini-2.5-flash}); the Google SDKs put it in the path as
 * it is ({@code models/google/gemini-2.5-flash:generateContent}, two segments), and a hand-written
 * client may send it percent-encoded ({@code google%2Fgemini-2.5-flash}, one segment): both name
 * the same model. A {@code models/} prefix inside the name is dropped.
 */
record GeminiPath(String model, boolean stream) {
  static final String PREFIX = "/v1beta/models/";
  static final String GENERATE = "generateContent";
  static final String STREAM = "streamGenerateContent";

  static GeminiPath parse(String pathAndQuery) throws WireException {
    int query = pathAndQuery.indexOf('?');
    String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    String params = query < 0 ? "" : pathAndQuery.substring(query + 1);
    if (!path.startsWith(PREFIX)) {
      throw new WireException(
          "the path must be " + PREFIX + "{model}:generateContent or :streamGenerateContent");
    }
    String rest = decode(path.substring(PREFIX.length()));
    int colon = rest.lastIndexOf(':');
    String model = colon < 0 ? rest : rest.substring(0, colon);
    String action = colon < 0 ? "" : rest.substring(colon + 1);
    if (model.startsWith("models/")) {
      model = model.substring("models/".length());
    }
    if (model.isBlank()) {
      throw new WireException("the path names no model", "model", null);
    }
    return switch (action) {
      case GENERATE -> new GeminiPath(model, false);
      case STREAM -> {
        if (!sse(params)) {
          // Without alt=sse Gemini streams one JSON array; the gateway streams server-sent events.
          throw new WireException(
              STREAM + " needs the query alt=sse (a streamed JSON array is not offered)",
              "alt",
              null);
        }
        yield new GeminiPath(model, true);
      }
      default ->
          throw new WireException(
              "unsupported action '" + clip(action) + "': expected " + GENERATE + " or " + STREAM,
              "action",
              null);
    };
  }

  private static boolean sse(String params) {
    for (String param : params.split("&")) {
      if (param.equals("alt=sse")) {
        return true;
      }
    }
    return false;
  }

  private static String decode(String segment) throws WireException {
    try {
      // Not a form: a '+' in a path is a plus.
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new WireException("the path holds a malformed percent-escape", "model", e);
    }
  }

  private static String clip(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
