package dev.switchboard.catalog;

import java.util.Optional;

/**
 * An API that serves models: its wire {@code format} ("openai", "anthropic", "gemini"), the base
 * URL the format's paths are appended to, the credential, and where and how it processes data.
 * {@code keyless} marks providers that need no key (local servers, declared with {@code auth:
 * none}).
 */
public record Provider(
    String id,
    String name,
    String format,
    String baseUrl,
    Optional<String> apiKey,
    String jurisdiction,
    DataPolicy dataPolicy,
    boolean keyless) {

  /** A provider that needs an API key. */
  public Provider(
      String id,
      String name,
      String format,
      String baseUrl,
      Optional<String> apiKey,
      String jurisdiction,
      DataPolicy dataPolicy) {
    this(id, name, format, baseUrl, apiKey, jurisdiction, dataPolicy, false);
  }

  /** Callable: it has a key, or needs none. */
  public boolean configured() {
    return keyless || apiKey.isPresent();
  }

  /** Whether data stays on this machine or network. */
  public boolean local() {
    return jurisdiction.equals("local");
  }

  public Provider withBaseUrl(String url) {
    return new Provider(id, name, format, url, apiKey, jurisdiction, dataPolicy, keyless);
  }

  public Provider withApiKey(String key) {
    return new Provider(
        id, name, format, baseUrl, Optional.of(key), jurisdiction, dataPolicy, keyless);
  }

  /** Never prints the key, so a provider can be logged. */
  @Override
  public String toString() {
    return "Provider[id="
        + id
        + ", name="
        + name
        + ", format="
        + format
        + ", baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey.isPresent() ? "(set)" : "(none)")
        + ", jurisdiction="
        + jurisdiction
        + ", dataPolicy="
        + dataPolicy
        + ", keyless="
        + keyless
        + "]";
  }
}
