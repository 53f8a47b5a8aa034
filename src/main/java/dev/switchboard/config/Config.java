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
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The whole gateway configuration, immutable and validated. Missing sections and keys take the
 * {@link #defaults()}; {@code catalog} holds the user's catalog overrides (already
 * env-interpolated, {@code {}} when none) for the catalog package to merge and validate.
 */
public record Config(
    Server server,
    Storage storage,
    Upstream upstream,
    JsonNode catalog,
    Logging logging,
    Map<String, String> aliases,
    Routing routing,
    JsonNode policy,
    Optional<Redis> redis,
    Budgets budgets) {

  /**
   * The HTTP listener. {@code publicModels} lets GET /v1/models and /v1/models/{id} answer without
   * a key, as OpenRouter's do. {@code busyPoll}: how long an idle loop polls before it blocks.
   */
  public record Server(
      String host,
      int port,
      long maxBodyBytes,
      Duration streamKeepAlive,
      ClientLimits limits,
      boolean publicModels,
      Transport transport,
      Duration busyPoll) {
    /** The longest busy-poll window: past a millisecond a loop only burns its core. */
    public static final Duration MAX_BUSY_POLL = Duration.ofMillis(1);

    public Server {
      if (busyPoll.isNegative() || busyPoll.compareTo(MAX_BUSY_POLL) > 0) {
        throw new IllegalArgumentException("busy_poll must be from 0 to 1ms, not " + busyPoll);
      }
    }

    /** A listener with the default client limits and a public model list. */
    public Server(String host, int port, long maxBodyBytes, Duration streamKeepAlive) {
      this(host, port, maxBodyBytes, streamKeepAlive, ClientLimits.defaults(), true);
    }

    /** A listener on the default transport. */
    public Server(
        String host,
        int port,
        long maxBodyBytes,
        Duration streamKeepAlive,
        ClientLimits limits,
        boolean publicModels) {
      this(
          host,
          port,
          maxBodyBytes,
          streamKeepAlive,
          limits,
          publicModels,
          Transport.NATIVE,
          Duration.ZERO);
    }

    /** The same listener on another port (port 0 resolved to a free one, a CLI override). */
    public Server withPort(int replacement) {
      return new Server(
          host,
          replacement,
          maxBodyBytes,
          streamKeepAlive,
          limits,
          publicModels,
          transport,
          busyPoll);
    }

    /** The same listener on another transport. */
    public Server withTransport(Transport replacement) {
      return new Server(
          host, port, maxBodyBytes, streamKeepAlive, limits, publicModels, replacement, busyPoll);
    }

    /** The same listener whose idle event loops poll for {@code window} before they block. */
    public Server withBusyPoll(Duration window) {
      return new Server(
          host, port, maxBodyBytes, streamKeepAlive, limits, publicModels, transport, window);
    }
  }

  /**
   * Where the database lives and how durable a ledger row is when its response ends: the embedded
   * SQLite file at {@code sqlitePath}, or, when {@code postgresqlUrl} is set (cluster mode), that
   * PostgreSQL ({@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?PARAMS]}), which every node
   * shares and where a committed row is as durable as PostgreSQL makes it (durability and
   * syncWindow then apply to SQLite only). {@code PROCESS}: the row is journaled in a memory-mapped
   * file (it survives kill -9 or OOM of the gateway), committed within milliseconds, and the
   * commits are fsync'd at least every {@code syncWindow}, so a power loss or kernel crash loses at
   * most rows that old. {@code MACHINE}: every commit is fsync'd before its response ends ({@code
   * syncWindow} is then unused).
   */
  public record Storage(
      Path sqlitePath, Durability durability, Duration syncWindow, Optional<String> postgresqlUrl) {
    /** The default {@code sync_window}. */
    public static final Duration DEFAULT_SYNC_WINDOW = Duration.ofMillis(50);

    /** The database at {@code sqlitePath}, process durability, {@link #DEFAULT_SYNC_WINDOW}. */
    public Storage(Path sqlitePath) {
      this(sqlitePath, Durability.PROCESS, DEFAULT_SYNC_WINDOW);
    }

    /** An embedded SQLite database (no PostgreSQL). */
    public Storage(Path sqlitePath, Durability durability, Duration syncWindow) {
      this(sqlitePath, durability, syncWindow, Optional.empty());
    }

    /** The same settings on the PostgreSQL at {@code url} ({@code postgresql://USER@HOST/DB}). */
    public Storage withPostgresql(String url) {
      return new Storage(sqlitePath, durability, syncWindow, Optional.of(url));
    }

    /** Never prints a password the PostgreSQL URL may carry. */
    @Override
    public String toString() {
      return "Storage[sqlitePath="
          + sqlitePath
          + ", durability="
          + durability
          + ", syncWindow="
          + syncWindow
          + ", postgresqlUrl="
          + postgresqlUrl.map(url -> url.replaceAll("//([^:/@]*):[^@/]*@", "//$1:***@"))
          + "]";
    }

    /** What a ledger row survives once its response has ended (see {@link Storage}). */
    public enum Durability {
      PROCESS,
      MACHINE
    }
  }

  /**
   * The client side towards providers. {@code maxConnectionsPerHost} is per event loop (the gateway
   * runs one per core). {@code forwardSimFaultHeader} copies a client's {@code x-sim-fault} header
   * to the provider: on only in front of the simulator (the demo), so a user can make a simulated
   * provider fail and watch the fallback. {@code http2}: speak HTTP/2 to providers (ALPN on https,
   * falling back to HTTP/1.1 when the provider does not offer it; prior knowledge on plain http, so
   * only for providers known to speak it), so one connection carries many streams instead of one
   * connection and one socket per open stream. {@code connectTimeout} bounds opening a connection
   * (TCP, then TLS; the provider's fault when exceeded), {@code poolWait} how much longer a request
   * may wait for a pooled connection to be free or opened (the gateway's limit when exceeded).
   */
  public record Upstream(
      Duration connectTimeout,
      Duration idleTimeout,
      int maxConnectionsPerHost,
      boolean forwardSimFaultHeader,
      boolean cacheBreakpoints,
      boolean http2,
      Duration poolWait) {

    /** What a request waits for a free connection by default, beyond the connect timeout. */
    public static final Duration DEFAULT_POOL_WAIT = Duration.ofSeconds(30);

    /**
     * Real providers: the sim's fault header is never forwarded; a request translated into
     * Anthropic's format without cache hints gets breakpoints on its stable prefix; HTTP/1.1.
     */
    public Upstream(Duration connectTimeout, Duration idleTimeout, int maxConnectionsPerHost) {
      this(connectTimeout, idleTimeout, maxConnectionsPerHost, false, true);
    }

    /** Over HTTP/1.1, with the default pool wait. */
    public Upstream(
        Duration connectTimeout,
        Duration idleTimeout,
        int maxConnectionsPerHost,
        boolean forwardSimFaultHeader,
        boolean cacheBreakpoints) {
      this(
          connectTimeout,
          idleTimeout,
          maxConnectionsPerHost,
          forwardSimFaultHeader,
          cacheBreakpoints,
          false,
          DEFAULT_POOL_WAIT);
    }

    /** Returns a copy that forwards the sim's fault header, or not. */
    public Upstream withForwardSimFaultHeader(boolean forward) {
      return new Upstream(
          connectTimeout,
          idleTimeout,
          maxConnectionsPerHost,
          forward,
          cacheBreakpoints,
          http2,
          poolWait);
    }
  }

  /**
   * How requests are routed and retried. {@code firstTokenTimeout}: a streamed attempt with no
   * content by then is abandoned (per catalog model id in {@code firstTokenTimeouts}); {@code
   * deadline}: one budget for all attempts of a request until its answer starts; the retry budget
   * caps extra upstream attempts at {@code retryRatio} of client requests, with a floor of {@code
   * retryMinPerSecond}; a deployment with {@code ejectAfter} consecutive faults is ejected for
   * {@code ejectFor}, doubling up to {@code ejectForAtMost}; deployments priced within {@code
   * spreadPercent} of the cheapest share its load; {@code provider} is the ceiling every client
   * {@code provider} object is narrowed by (an OpenRouter provider object, {} for none); {@code
   * presets} are named {models, provider} requests (their JSON, validated by routing).
   */
  public record Routing(
      Duration firstTokenTimeout,
      Map<String, Duration> firstTokenTimeouts,
      Duration deadline,
      double retryRatio,
      int retryMinPerSecond,
      int ejectAfter,
      Duration ejectFor,
      Duration ejectForAtMost,
      double spreadPercent,
      JsonNode provider,
      Map<String, JsonNode> presets,
      JsonNode auto) {
    public Routing {
      firstTokenTimeouts = Map.copyOf(firstTokenTimeouts);
      provider = provider.deepCopy();
      auto = auto.deepCopy();
      java.util.Map<String, JsonNode> copies = new java.util.LinkedHashMap<>();
      presets.forEach((name, preset) -> copies.put(name, preset.deepCopy()));
      presets = java.util.Collections.unmodifiableMap(copies);
    }

    /**
     * 30 s to the first token, 600 s deadline, retries up to 20% of requests (at least 5 a second),
     * ejection after 5 faults for 5 s doubling to 20 s, a 5% price spread, no ceiling and no
     * presets.
     */
    public static Routing defaults() {
      return new Routing(
          Duration.ofSeconds(30),
          Map.of(),
          Duration.ofSeconds(600),
          0.2,
          5,
          5,
          Duration.ofSeconds(5),
          Duration.ofSeconds(20),
          5.0,
          Json.object(),
          Map.of(),
          Json.object());
    }

    /**
     * The same settings with {@code modelDefaults} (the catalog's own per-model timeouts) under the
     * configured per-model timeouts, which win.
     */
    public Routing withModelDefaults(Map<String, Duration> modelDefaults) {
      Map<String, Duration> merged = new java.util.HashMap<>(modelDefaults);
      merged.putAll(firstTokenTimeouts);
      return new Routing(
          firstTokenTimeout,
          merged,
          deadline,
          retryRatio,
          retryMinPerSecond,
          ejectAfter,
          ejectFor,
          ejectForAtMost,
          spreadPercent,
          provider,
          presets,
          auto);
    }

    /** The first-token timeout for a catalog model: its own if configured, else the default. */
    public Duration firstTokenTimeout(String modelId) {
      return firstTokenTimeouts.getOrDefault(modelId, firstTokenTimeout);
    }

    /** A copy, so the record stays immutable although JsonNode is not. */
    @Override
    public JsonNode provider() {
      return provider.deepCopy();
    }

    /** The {@code auto} section (the auto router's pool and default quality), a copy. */
    @Override
    public JsonNode auto() {
      return auto.deepCopy();
    }
  }

  /**
   * Key budgets: {@code timeZone} aligns daily caps and limit resets to calendar days; a
   * reservation whose node stops renewing it (a crash) expires after {@code reservationTtl}.
   */
  public record Budgets(java.time.ZoneId timeZone, Duration reservationTtl) {
    /** UTC days, 60 s reservations. */
    public static Budgets defaults() {
      return new Budgets(java.time.ZoneOffset.UTC, Duration.ofSeconds(60));
    }
  }

  /**
   * {@code aliases}: model names clients send (Claude Code's claude-* names, say) to catalog ids,
   * in the order written; a name ending in '*' matches any suffix. Kept in insertion order.
   */
  public Config {
    catalog = catalog.deepCopy();
    policy = policy.deepCopy();
    aliases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(aliases));
  }

  /** A single-node configuration: no Redis, the default budgets. */
  public Config(
      Server server,
      Storage storage,
      Upstream upstream,
      JsonNode catalog,
      Logging logging,
      Map<String, String> aliases,
      Routing routing,
      JsonNode policy) {
    this(
        server,
        storage,
        upstream,
        catalog,
        logging,
        aliases,
        routing,
        policy,
        Optional.empty(),
        Budgets.defaults());
  }

  /** A configuration without a sourcing policy. */
  public Config(
      Server server,
      Storage storage,
      Upstream upstream,
      JsonNode catalog,
      Logging logging,
      Map<String, String> aliases,
      Routing routing) {
    this(server, storage, upstream, catalog, logging, aliases, routing, Json.object());
  }

  /** A configuration with the default routing. */
  public Config(
      Server server,
      Storage storage,
      Upstream upstream,
      JsonNode catalog,
      Logging logging,
      Map<String, String> aliases) {
    this(server, storage, upstream, catalog, logging, aliases, Routing.defaults());
  }

  /** A configuration without aliases. */
  public Config(
      Server server, Storage storage, Upstream upstream, JsonNode catalog, Logging logging) {
    this(server, storage, upstream, catalog, logging, Map.of());
  }

  /** The same configuration with other routing settings. */
  public Config withRouting(Routing replacement) {
    return new Config(
        server, storage, upstream, catalog, logging, aliases, replacement, policy, redis, budgets);
  }

  /** A configuration with the default logging (text lines) and no aliases. */
  public Config(Server server, Storage storage, Upstream upstream, JsonNode catalog) {
    this(server, storage, upstream, catalog, new Logging(Logging.Format.TEXT));
  }

  /** The same configuration with another {@code policy:} section (YAML tree). */
  public Config withPolicy(JsonNode replacement) {
    return new Config(
        server, storage, upstream, catalog, logging, aliases, routing, replacement, redis, budgets);
  }

  /**
   * The {@code policy:} section as written (an empty mapping when there is none); the policy
   * package reads and checks it against the catalog. A copy: JsonNode is mutable.
   */
  @Override
  public JsonNode policy() {
    return policy.deepCopy();
  }

  /** A copy of the catalog overrides: the record stays immutable although JsonNode is not. */
  @Override
  public JsonNode catalog() {
    return catalog.deepCopy();
  }

  /**
   * Loopback on 8080, 10 MiB bodies, 2 s keep-alive, {@link ClientLimits#defaults()}, a public
   * model list, ./switchboard.db, 5 s connect, 300 s idle, 64 connections per host, no catalog
   * overrides, text log lines.
   */
  public static Config defaults() {
    return new Config(
        new Server("127.0.0.1", 8080, 10L * 1024 * 1024, Duration.ofSeconds(2)),
        new Storage(Path.of("./switchboard.db")),
        new Upstream(Duration.ofSeconds(5), Duration.ofSeconds(300), 1024),
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
    return new Config(
        replacement, storage, upstream, catalog, logging, aliases, routing, policy, redis, budgets);
  }

  /** Returns a copy with another upstream section. */
  public Config withUpstream(Upstream replacement) {
    return new Config(
        server, storage, replacement, catalog, logging, aliases, routing, policy, redis, budgets);
  }

  /** Returns a copy with another storage section. */
  public Config withStorage(Storage replacement) {
    return new Config(
        server, replacement, upstream, catalog, logging, aliases, routing, policy, redis, budgets);
  }

  /** Returns a copy with another redis section (empty: single node, no Redis). */
  public Config withRedis(Optional<Redis> replacement) {
    return new Config(
        server,
        storage,
        upstream,
        catalog,
        logging,
        aliases,
        routing,
        policy,
        replacement,
        budgets);
  }

  /** Returns a copy with another budgets section. */
  public Config withBudgets(Budgets replacement) {
    return new Config(
        server, storage, upstream, catalog, logging, aliases, routing, policy, redis, replacement);
  }

  /** Returns a copy with another logging section. */
  public Config withLogging(Logging replacement) {
    return new Config(
        server, storage, upstream, catalog, replacement, aliases, routing, policy, redis, budgets);
  }
}
