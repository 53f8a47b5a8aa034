package dev.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole gateway configuration, immutable and validated. Missing sections and keys take the
 * {@link #defaults()}; {@code catalog} holds the user's catalog overrides (already
 * env-interpolated, {@code {}} when none) for the catalog package to merge and validate.
 */
public record Config(Server server, Storage storage, Upstream upstream, JsonNode catalog) {

  /** The HTTP listener. */
  public record Server(String host, int port, long maxBodyBytes, Duration streamKeepAlive) {}

  /** Where the embedded database lives. */
  public record Storage(Path sqlitePath) {}

  /**
   * The client side towards providers. {@code forwardSimFaultHeader} copies a client's {@code
   * x-sim-fault} header to the provider: on only in front of the simulator (the demo), so a user
   * can make a simulated provider fail and watch the fallback.
   */
  public record Upstream(
      Duration connectTimeout,
      Duration idleTimeout,
      int maxConnectionsPerHost,
      boolean forwardSimFaultHeader) {

    /** Real providers: the sim's fault header is never forwarded. */
    public Upstream(Duration connectTimeout, Duration idleTimeout, int maxConnectionsPerHost) {
      this(connectTimeout, idleTimeout, maxConnectionsPerHost, false);
    }

    /** Returns a copy that forwards the sim's fault header, or not. */
    public Upstream withForwardSimFaultHeader(boolean forward) {
      return new Upstream(connectTimeout, idleTimeout, maxConnectionsPerHost, forward);
    }
  }

  public Config {
    catalog = catalog.deepCopy();
  }

  /** A copy of the catalog overrides: the record stays immutable although JsonNode is not. */
  @Override
  public JsonNode catalog() {
    return catalog.deepCopy();
  }

  /**
   * Loopback on 8080, 10 MiB bodies, 2 s keep-alive, ./switchboard.db, 5 s connect, 300 s idle, 64
   * connections per host, no catalog overrides.
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
    return load(yamlFile, env, unset -> {});
  }

  /** As {@link #load(Path, Map)}, telling {@code unset} of each api_key left out. */
  public static Config load(
      Path yamlFile, Map<String, String> env, Consumer<EnvInterpolation.UnsetVariable> unset) {
    String yaml;
    try {
      yaml = Files.readString(yamlFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(yamlFile.toString(), "the configuration file does not exist", e);
    } catch (IOException e) {
      throw new ConfigException(
          yamlFile.toString(), "cannot read the configuration file (" + e.getMessage() + ")", e);
    }
    return ConfigParser.parse(yaml, env, unset);
  }

  /** Parses and validates YAML text, interpolating {@code ${ENV}} from {@code env}. */
  public static Config parse(String yaml, Map<String, String> env) {
    return ConfigParser.parse(yaml, env, unset -> {});
  }

  /** Returns a copy with another server section. */
  public Config withServer(Server replacement) {
    return new Config(replacement, storage, upstream, catalog);
  }

  /** Returns a copy with another upstream section. */
  public Config withUpstream(Upstream replacement) {
    return new Config(server, storage, replacement, catalog);
  }

  /** Returns a copy with another storage section. */
  public Config withStorage(Storage replacement) {
    return new Config(server, replacement, upstream, catalog);
  }
}
