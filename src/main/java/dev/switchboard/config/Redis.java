package dev.switchboard.config;

/**
 * The Redis every node of a cluster shares for rate limits and hot counters ({@code
 * redis://HOST:PORT}, optionally with a password or a database index as Lettuce reads them).
 */
public record Redis(String url) {
  public Redis {
    if (url.isBlank()) {
      throw new IllegalArgumentException("a Redis URL cannot be blank");
    }
  }

  /** Never prints a password the URL may carry. */
  @Override
  public String toString() {
    return "Redis[url=" + url.replaceAll("//([^/@]*)@", "//***@") + "]";
  }
}
