package dev.switchboard.insight.apps;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Attributes a request to the app that sent it, as OpenRouter does: the {@code X-Title} header (the
 * app's name), else the host of {@code HTTP-Referer} (its site), else the family of its {@code
 * User-Agent}: a known agent or SDK by name, any other by its first product token. Names are at
 * most {@value #MAX} printable characters. Headers are looked up by lower-case name.
 */
public final class Apps {
  static final int MAX = 64;

  /** User-Agent patterns, checked in order, and the app each names. */
  private static final List<Map.Entry<Pattern, String>> FAMILIES =
      List.of(
          family("claude-cli|claude-code|claude code", "Claude Code"),
          family("codex_cli_rs|codex_exec|codex-tui|openai-codex|\\bcodex\\b", "Codex"),
          family("\\bcline\\b", "Cline"),
          family("roo-?code|roo-cline", "Roo Code"),
          family("kilo-?code", "Kilo Code"),
          family("openclaw|clawdbot|moltbot", "OpenClaw"),
          family("\\bcursor\\b", "Cursor"),
          family("\\baider\\b", "Aider"),
          family("opencode", "opencode"),
          family("\\bcontinue\\b", "Continue"),
          family("\\bgoose\\b", "Goose"),
          family("\\bzed\\b", "Zed"),
          family("langchain", "LangChain"),
          family("litellm", "LiteLLM"),
          family("openai/python", "OpenAI Python SDK"),
          family("openai/js|openai-node", "OpenAI Node SDK"),
          family("openai/java|openai-java", "OpenAI Java SDK"),
          family("openai/go|openai-go", "OpenAI Go SDK"),
          family("anthropic/python|anthropic-sdk-python", "Anthropic Python SDK"),
          family("anthropic/js|anthropic-sdk-typescript", "Anthropic TypeScript SDK"),
          family("anthropic/java|anthropic-java", "Anthropic Java SDK"),
          family("anthropic/go|anthropic-sdk-go", "Anthropic Go SDK"),
          family("google-genai|genai-sdk|google-api-nodejs-client", "Google GenAI SDK"),
          family("python-requests", "python-requests"),
          family("python-httpx", "httpx"),
          family("\\bcurl/", "curl"),
          family("go-http-client", "Go net/http"),
          family("java-http-client", "Java HttpClient"),
          family("okhttp", "OkHttp"),
          family("node-fetch|undici", "Node fetch"),
          family("mozilla/|chrome/|safari/", "Browser"));

  private static final Pattern PRODUCT = Pattern.compile("^([A-Za-z][A-Za-z0-9._-]{0,31})");

  private Apps() {}

  /** The app behind a request with {@code headers} (lower-case names), when it says. */
  public static Optional<String> of(Map<String, String> headers) {
    Optional<String> title = clean(headers.get("x-title"));
    if (title.isPresent()) {
      return title;
    }
    Optional<String> site = clean(headers.get("http-referer")).flatMap(Apps::host);
    if (site.isEmpty()) {
      site = clean(headers.get("referer")).flatMap(Apps::host);
    }
    if (site.isPresent()) {
      return site;
    }
    return clean(headers.get("user-agent")).flatMap(Apps::family);
  }

  /** The family of a User-Agent: a known one by name, else its first product token. */
  static Optional<String> family(String userAgent) {
    String lower = userAgent.toLowerCase(Locale.ROOT);
    for (Map.Entry<Pattern, String> family : FAMILIES) {
      if (family.getKey().matcher(lower).find()) {
        return Optional.of(family.getValue());
      }
    }
    Matcher product = PRODUCT.matcher(userAgent);
    return product.find() ? Optional.of(product.group(1)) : Optional.empty();
  }

  private static Optional<String> host(String referer) {
    try {
      URI uri = new URI(referer.contains("://") ? referer : "https://" + referer);
      String host = uri.getHost();
      if (host == null || host.isBlank()) {
        return Optional.empty();
      }
      String lower = host.toLowerCase(Locale.ROOT);
      return Optional.of(lower.startsWith("www.") ? lower.substring(4) : lower);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  // Printable characters only, trimmed and clipped: the name goes to the ledger and dashboards.
  private static Optional<String> clean(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String printable = value.replaceAll("\\p{Cntrl}", "").strip();
    if (printable.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(printable.length() > MAX ? printable.substring(0, MAX) : printable);
  }

  private static Map.Entry<Pattern, String> family(String regex, String name) {
    return Map.entry(Pattern.compile(regex), name);
  }
}
