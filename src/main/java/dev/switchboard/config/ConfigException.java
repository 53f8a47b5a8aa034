package dev.switchboard.config;

/**
 * An invalid configuration value. The message always starts with the field path ({@code
 * server.port}) so the operator can find the line to fix; it never contains a secret.
 */
public final class ConfigException extends RuntimeException {
  private final String path;
  private final String problem;

  public ConfigException(String path, String problem) {
    super(ConfigNode.describe(path, problem));
    this.path = path;
    this.problem = problem;
  }

  public ConfigException(String path, String problem, Throwable cause) {
    super(ConfigNode.describe(path, problem), cause);
    this.path = path;
    this.problem = problem;
  }

  /** The field path, such as {@code server.port} or {@code catalog.providers[2].api_key}. */
  public String path() {
    return path;
  }

  /** What is wrong, without the path. */
  public String problem() {
    return problem;
  }
}
