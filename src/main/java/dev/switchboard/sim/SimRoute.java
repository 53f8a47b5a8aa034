package dev.switchboard.sim;

import io.vertx.core.http.HttpMethod;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which provider and format a request path asks for. Every provider id shares one base URL scheme,
 * {@code /<providerId>/v1}, and the format's own path follows it: {@code /chat/completions}
 * (OpenAI), {@code /messages} and {@code /messages/count_tokens} (Anthropic), {@code
 * /models/<model>:generateContent}, {@code :streamGenerateContent} and {@code :countTokens}
 * (Gemini, which also answers under {@code /v1beta}). Without a provider id the provider is
 * "default". {@code pathModel} and {@code pathStream} are Gemini's, which names the model and the
 * streaming choice in the path; {@code countTokens} asks only for the prompt's token count.
 */
record SimRoute(
    String providerId,
    Dialect dialect,
    Optional<String> pathModel,
    boolean pathStream,
    boolean countTokens) {
  private static final Pattern PATH =
      Pattern.compile(
          "(?:/([^/]+))?/(v1|v1beta)(/chat/completions|/messages|/messages/count_tokens"
              + "|/models/([^/:]+):(generateContent|streamGenerateContent|countTokens))");

  static Optional<SimRoute> of(HttpMethod method, String path) {
    Matcher m = PATH.matcher(path);
    if (method != HttpMethod.POST || !m.matches()) {
      return Optional.empty();
    }
    String providerId = m.group(1) == null ? "default" : m.group(1);
    boolean v1 = m.group(2).equals("v1");
    return switch (m.group(3)) {
      case "/chat/completions" -> plain(v1, providerId, OpenAiDialect.INSTANCE, false);
      case "/messages" -> plain(v1, providerId, AnthropicDialect.INSTANCE, false);
      case "/messages/count_tokens" -> plain(v1, providerId, AnthropicDialect.INSTANCE, true);
      default ->
          Optional.of(
              new SimRoute(
                  providerId,
                  GeminiDialect.INSTANCE,
                  Optional.of(decode(m.group(4))),
                  m.group(5).equals("streamGenerateContent"),
                  m.group(5).equals("countTokens")));
    };
  }

  /** OpenAI and Anthropic live under /v1 only. */
  private static Optional<SimRoute> plain(
      boolean v1, String providerId, Dialect dialect, boolean countTokens) {
    return v1
        ? Optional.of(new SimRoute(providerId, dialect, Optional.empty(), false, countTokens))
        : Optional.empty();
  }

  /** Percent-decodes a path segment; unlike a query, a path keeps '+' as is. */
  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return segment;
    }
  }
}
