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
public record Config(Server server, Storage storage, Upstream upstream, JsonNode catalog) {

  /**
   * The HTTP listener. {@code clientWriteTimeout}: how long a stream client may leave its socket
   * unwritable (not reading) before it is cut loose and its upstream connection released.
   */
  public record Server(
      String host,
      int port,
      long maxBodyBytes,
      Duration streamKeepAlive,
      Duration clientWriteTimeout) {
    public static final Duration DEFAULT_CLIENT_WRITE_TIMEOUT = Duration.ofSeconds(30);

    /** A listener with the default client write timeout. */
    public Server(String host, int port, long maxBodyBytes, Duration streamKeepAlive) {
      this(host, port, maxBodyBytes, streamKeepAlive, DEFAULT_CLIENT_WRITE_TIMEOUT);
    }

    /** The same listener on another port. */
    public Server withPort(int replacement) {
      return new Server(host, replacement, maxBodyBytes, streamKeepAlive, clientWriteTimeout);
    }
  }

  /** Where the embedded database lives. */
  public record Storage(Path sqlitePath) {}

  /** The client side towards providers. */
  public record Upstream(
      Duration connectTimeout, Duration idleTimeout, int maxConnectionsPerHost) {}

  public Config {
    catalog = catalog.deepCopy();
  }

  /** A copy of the catalog overrides: the record stays immutable although JsonNode is not. */
  @Override
  public JsonNode catalog() {
    return catalog.deepCopy();
  }

  /**
   * Loopback on 8080, 10 MiB bodies, 2 s keep-alive, 30 s client write timeout, ./switchboard.db, 5
   * s connect, 300 s idle, 64 connections per host, no catalog overrides.
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
    return new Config(replacement, storage, upstream, catalog);
  }

  /** Returns a copy with another storage section. */
  public Config withStorage(Storage replacement) {
    return new Config(server, replacement, upstream, catalog);
  }
}
