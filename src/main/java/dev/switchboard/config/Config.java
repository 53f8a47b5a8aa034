package dev.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The whole gateway configuration, immutable and validated. Missing sections and keys take the
 * {@link #defaults()}; {@code catalog} holds the user's catalog overrides (already
 * env-interpolated, {@code {}} when none) for the catalog package to merge and validate.
 */
public record Config(
    Server server, Storage storage, Upstream upstream, JsonNode catalog, Logging logging) {

  /** The HTTP listener. */
  public record Server(String host, int port, long maxBodyBytes, Duration streamKeepAlive) {}

  /** Where the embedded database lives. */
  public record Storage(Path sqlitePath) {}

  /** The client side towards providers. */
  public record Upstream(
      Duration connectTimeout, Duration idleTimeout, int maxConnectionsPerHost) {}

  /** How the gateway writes its log: one line per request, as key=value text or as JSON. */
  public record Logging(Format format) {
    /** The shape of a log line. */
    public enum Format {
      TEXT,
      JSON
    }
  }

  public Config {
    catalog = catalog.deepCopy();
  }

  /** A configuration with the default logging (text lines). */
  public Config(Server server, Storage storage, Upstream upstream, JsonNode catalog) {
    this(server, storage, upstream, catalog, new Logging(Logging.Format.TEXT));
  }

  /** A copy of the catalog overrides: the record stays immutable although JsonNode is not. */
  @Override
  public JsonNode catalog() {
    return catalog.deepCopy();
  }

  /**
   * Loopback on 8080, 10 MiB bodies, 2 s keep-alive, ./switchboard.db, 5 s connect, 300 s idle, 64
   * connections per host, no catalog overrides, text log lines.
   */
  public static Config defaults() {
    return new Config(
        new Server("127.0.0.1", 8080, 10L * 1024 * 1024, Duration.ofSeconds(2)),
        new Storage(Path.of("./switchboard.db")),
        new Upstream(Duration.ofSeconds(5), Duration.ofSeconds(300), 64),
        Json.object());
  }

  /**
   * Reads and validates a YAML file; every problem is a {@link ConfigException} naming the field.
   */
  public static Config load(Path yamlFile, Map<String, String> env) {
    String yaml;
    try {
      yaml = Files.readString(yamlFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(yamlFile.toString(), "cannot read the configuration file: " + e, e);
    }
    return parse(yaml, env);
  }

  /** Parses and validates YAML text, interpolating {@code ${ENV}} from {@code env}. */
  public static Config parse(String yaml, Map<String, String> env) {
    return ConfigParser.parse(yaml, env);
  }

  /** Returns a copy with another server section. */
  public Config withServer(Server replacement) {
    return new Config(replacement, storage, upstream, catalog, logging);
  }

  /** Returns a copy with another storage section. */
  public Config withStorage(Storage replacement) {
    return new Config(server, replacement, upstream, catalog, logging);
  }

  /** Returns a copy with another logging section. */
  public Config withLogging(Logging replacement) {
    return new Config(server, storage, upstream, catalog, replacement);
  }
}
