package dev.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * YAML text to a validated {@link Config}: interpolate, check keys, read each section over its
 * defaults.
 */
final class ConfigParser {
  private static final List<String> ROOT_KEYS =
      List.of(
          "server",
          "storage",
          "upstream",
          "catalog",
          "logging",
          "aliases",
          "routing",
          "policy",
          "redis",
          "budgets");
  private static final List<String> SERVER_KEYS =
      List.of(
          "host",
          "port",
          "max_body_bytes",
          "stream_keepalive",
          "request_timeout",
          "idle_timeout",
          "max_header_bytes",
          "client_write_timeout",
          "public_models",
          "transport",
          "busy_poll");
  private static final long MAX_HEADER_BYTES = 1024 * 1024;
  private static final Pattern BUSY_POLL = Pattern.compile("(\\d{1,7})(us|ms)?");
  private static final List<String> STORAGE_KEYS =
      List.of("sqlite_path", "postgresql", "durability", "sync_window");
  private static final Duration MAX_SYNC_WINDOW = Duration.ofMinutes(1);
  private static final List<String> UPSTREAM_KEYS =
      List.of(
          "connect_timeout",
          "idle_timeout",
          "max_connections_per_host",
          "forward_sim_fault_header",
          "cache_breakpoints",
          "http2",
          "pool_wait");
  private static final List<String> CATALOG_KEYS =
      List.of("models", "providers", "deployments", "electricity", "energy");
  private static final ConfigNode.Errors ERRORS = ConfigException::new;

  private ConfigParser() {}

  static Config parse(
      String yaml, Map<String, String> env, Consumer<EnvInterpolation.UnsetVariable> unset) {
    JsonNode tree =
        EnvInterpolation.apply(ConfigNode.readYaml(yaml, "(yaml)", ERRORS), env, "", unset);
    ConfigNode root = ConfigNode.of(tree, "", ERRORS);
    root.allowOnly(ROOT_KEYS);
    Config defaults = Config.defaults();
    return new Config(
        root.object("server").map(s -> server(s, defaults.server())).orElse(defaults.server()),
        root.object("storage").map(s -> storage(s, defaults.storage())).orElse(defaults.storage()),
        root.object("upstream")
            .map(u -> upstream(u, defaults.upstream()))
            .orElse(defaults.upstream()),
        root.object("catalog").map(ConfigParser::catalog).orElse(defaults.catalog()),
        root.object("logging").map(ConfigParser::logging).orElse(defaults.logging()),
        root.object("aliases").map(ConfigParser::aliases).orElse(defaults.aliases()),
        root.object("routing").map(RoutingConfig::parse).orElse(Config.Routing.defaults()),
        root.object("policy").map(ConfigNode::json).orElse(Json.object()),
        root.object("redis").map(ConfigParser::redis),
        root.object("budgets").map(BudgetsConfig::parse).orElse(Config.Budgets.defaults()));
  }

  /** Each key a model name (or a prefix ending in '*'), each value a catalog model id. */
  private static Map<String, String> aliases(ConfigNode node) {
    Map<String, String> aliases = new java.util.LinkedHashMap<>();
    for (String name : node.keys()) {
      String target = node.requiredString(name);
      if (target.isBlank()) {
        throw node.error(name, "must name a catalog model");
      }
      if (name.indexOf('*') >= 0 && name.indexOf('*') != name.length() - 1) {
        throw node.error(name, "'*' may only end an alias (a prefix match)");
      }
      aliases.put(name, target);
    }
    return aliases;
  }

  private static Logging logging(ConfigNode node) {
    node.allowOnly(List.of("format"));
    String format = node.has("format") ? node.requiredString("format") : "text";
    return switch (format) {
      case "text" -> new Logging(Logging.Format.TEXT);
      case "json" -> new Logging(Logging.Format.JSON);
      default -> throw node.error("format", "must be text or json, not '" + format + "'");
    };
  }

  private static Config.Server server(ConfigNode node, Config.Server d) {
    node.allowOnly(SERVER_KEYS);
    return new Config.Server(
        node.has("host") ? node.requiredString("host") : d.host(),
        node.integer("port", 1, 65_535).orElse(d.port()),
        node.bytes("max_body_bytes").orElse(d.maxBodyBytes()),
        node.duration("stream_keepalive").orElse(d.streamKeepAlive()),
        clientLimits(node, d.limits()),
        node.bool("public_models").orElse(d.publicModels()),
        node.has("transport") ? transport(node) : d.transport(),
        busyPoll(node, d.busyPoll()));
  }

  // 0 (off), or a window of microseconds or milliseconds up to one: 200us, 1ms.
  private static Duration busyPoll(ConfigNode node, Duration d) {
    Optional<String> text = node.string("busy_poll");
    if (text.isEmpty()) {
      return d;
    }
    Matcher m = BUSY_POLL.matcher(text.get().strip());
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      Duration window =
          "ms".equals(m.group(2)) ? Duration.ofMillis(amount) : Duration.ofNanos(amount * 1000);
      boolean unitless = m.group(2) == null;
      if ((amount == 0 || !unitless) && window.compareTo(Config.Server.MAX_BUSY_POLL) <= 0) {
        return window;
      }
    }
    throw node.error(
        "busy_poll", "expected 0 or a duration up to 1ms such as 200us, got " + text.get());
  }

  private static Transport transport(ConfigNode node) {
    String name = node.requiredString("transport");
    return switch (name) {
      case "native" -> Transport.NATIVE;
      case "io_uring" -> Transport.IO_URING;
      default -> throw node.error("transport", "must be native or io_uring, not '" + name + "'");
    };
  }

  private static ClientLimits clientLimits(ConfigNode node, ClientLimits d) {
    long headerBytes = node.bytes("max_header_bytes").orElse(d.maxHeaderBytes());
    if (headerBytes < 1024 || headerBytes > MAX_HEADER_BYTES) {
      throw node.error("max_header_bytes", "expected a size from 1KiB to 1MiB, got " + headerBytes);
    }
    return new ClientLimits(
        node.duration("request_timeout").orElse(d.requestTimeout()),
        node.duration("idle_timeout").orElse(d.idleTimeout()),
        (int) headerBytes,
        node.duration("client_write_timeout").orElse(d.writeTimeout()));
  }

  private static Config.Storage storage(ConfigNode node, Config.Storage d) {
    node.allowOnly(STORAGE_KEYS);
    return new Config.Storage(
        node.has("sqlite_path") ? sqlitePath(node) : d.sqlitePath(),
        node.has("durability") ? durability(node) : d.durability(),
        syncWindow(node, d.syncWindow()),
        node.has("postgresql") ? Optional.of(postgresql(node)) : d.postgresqlUrl());
  }

  // Only the shape is checked here; the storage package turns it into a JDBC URL.
  private static String postgresql(ConfigNode node) {
    String url = node.requiredString("postgresql");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw node.error("postgresql", "not a URL: " + e.getReason());
    }
    boolean scheme = "postgresql".equals(uri.getScheme()) || "postgres".equals(uri.getScheme());
    String path = uri.getPath();
    if (!scheme || uri.getHost() == null || path == null || path.length() < 2) {
      throw node.error(
          "postgresql",
          "expected postgresql://USER@HOST:PORT/DATABASE (a password may follow USER)");
    }
    return url;
  }

  private static Redis redis(ConfigNode node) {
    node.allowOnly(List.of("url"));
    String url = node.requiredString("url");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw node.error("url", "not a URL: " + e.getReason());
    }
    boolean scheme = "redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme());
    if (!scheme || uri.getHost() == null) {
      throw node.error("url", "expected redis://HOST:PORT (or rediss:// for TLS)");
    }
    return new Redis(url);
  }

  private static Path sqlitePath(ConfigNode node) {
    try {
      return Path.of(node.requiredString("sqlite_path"));
    } catch (InvalidPathException e) {
      throw node.error("sqlite_path", "not a valid file path: " + e.getReason());
    }
  }

  private static Config.Storage.Durability durability(ConfigNode node) {
    String durability = node.requiredString("durability");
    return switch (durability) {
      case "process" -> Config.Storage.Durability.PROCESS;
      case "machine" -> Config.Storage.Durability.MACHINE;
      default ->
          throw node.error(
              "durability",
              "must be process (commit before the response ends, fsync within sync_window) or"
                  + " machine (fsync before the response ends), not '"
                  + durability
                  + "'");
    };
  }

  // Past a minute the window no longer bounds what a power loss costs in any useful way.
  private static Duration syncWindow(ConfigNode node, Duration d) {
    Duration window = node.duration("sync_window").orElse(d);
    if (window.compareTo(MAX_SYNC_WINDOW) > 0) {
      throw node.error("sync_window", "expected at most 1m, got " + window.toMillis() + "ms");
    }
    return window;
  }

  private static Config.Upstream upstream(ConfigNode node, Config.Upstream d) {
    node.allowOnly(UPSTREAM_KEYS);
    return new Config.Upstream(
        node.duration("connect_timeout").orElse(d.connectTimeout()),
        node.duration("idle_timeout").orElse(d.idleTimeout()),
        node.integer("max_connections_per_host", 1, 100_000).orElse(d.maxConnectionsPerHost()),
        node.bool("forward_sim_fault_header").orElse(d.forwardSimFaultHeader()),
        node.bool("cache_breakpoints").orElse(d.cacheBreakpoints()),
        node.bool("http2").orElse(d.http2()),
        node.duration("pool_wait").orElse(d.poolWait()));
  }

  /** Only the section's shape is checked here; the catalog package validates the entries. */
  private static JsonNode catalog(ConfigNode node) {
    node.allowOnly(CATALOG_KEYS);
    CATALOG_KEYS.stream().filter(key -> !key.equals("energy")).forEach(node::objects);
    node.object("energy"); // an object of constants, not a list
    return node.json();
  }
}
