package dev.switchboard.ratelimit;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The one Lettuce connection a limiter talks to Redis over, and whether Redis answers. It fails
 * fast instead of waiting: every command times out after {@link #COMMAND_TIMEOUT}, and while the
 * link is down commands are rejected at once rather than queued. It heals by itself: the first
 * connection is opened lazily (a limiter built while Redis is down works once Redis is up), and a
 * lost connection is reopened by Lettuce, retrying at least every second.
 */
final class RedisLink implements AutoCloseable {
  static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
  private static final System.Logger LOG = System.getLogger("switchboard.ratelimit");
  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  /** Buckets outlive their last write by this much after they would be full again. */
  private static final Duration BUCKET_AFTERLIFE = Duration.ofSeconds(10);

  /** A live connection and the Bucket4j proxy manager bound to it. */
  record Session(
      StatefulRedisConnection<String, byte[]> connection, AsyncProxyManager<String> buckets) {
    RedisAsyncCommands<String, byte[]> redis() {
      return connection.async();
    }
  }

  private final ClientResources resources;
  private final RedisClient client;
  private final RedisURI uri;
  private final TimeMeter clock;
  private volatile @Nullable Session session;
  private @Nullable CompletableFuture<Session> connecting; // guarded by this
  private volatile @Nullable Boolean answering; // null until the first command
  private volatile boolean closed;

  RedisLink(String url, TimeMeter clock) {
    this.uri = RedisURI.create(url);
    uri.setTimeout(COMMAND_TIMEOUT);
    this.clock = clock;
    this.resources =
        DefaultClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(2)
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
            .build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(
                SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).keepAlive(true).build())
            .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
            .build());
  }

  /** The session, connecting first if no connection was ever made (one attempt at a time). */
  CompletableFuture<Session> session() {
    Session open = session;
    return open != null ? CompletableFuture.completedFuture(open) : connect();
  }

  private synchronized CompletableFuture<Session> connect() {
    Session open = session;
    if (open != null) {
      return CompletableFuture.completedFuture(open);
    }
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("rate limiter closed"));
    }
    CompletableFuture<Session> pending = connecting;
    if (pending != null) {
      return pending;
    }
    CompletableFuture<Session> attempt = new CompletableFuture<>();
    connecting = attempt;
    client
        .connectAsync(CODEC, uri)
        .whenComplete(
            (connection, failure) -> {
              synchronized (this) {
                connecting = null;
                if (connection != null && !closed) {
                  session = open(connection);
                }
              }
              Session made = session;
              if (made != null) {
                answered(true);
                attempt.complete(made);
              } else {
                answered(false);
                attempt.completeExceptionally(
                    failure != null ? failure : new IllegalStateException("rate limiter closed"));
              }
            });
    return attempt;
  }

  private Session open(StatefulRedisConnection<String, byte[]> connection) {
    AsyncProxyManager<String> buckets =
        Bucket4jLettuce.casBasedBuilder(connection)
            .clientClock(clock)
            .requestTimeout(COMMAND_TIMEOUT)
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(BUCKET_AFTERLIFE))
            .build()
            .asAsync();
    return new Session(connection, buckets);
  }

  /** The session if a connection was ever made, without trying to make one. */
  @Nullable Session current() {
    return session;
  }

  /** Pings Redis (connecting if need be) so {@link #ready()} follows Redis without traffic. */
  void probe() {
    session()
        .thenCompose(s -> s.redis().ping().toCompletableFuture())
        .orTimeout(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((pong, failure) -> answered(failure == null));
  }

  /** Records whether Redis answered the last command in time; says so when that changes. */
  void answered(boolean answered) {
    Boolean before = answering;
    answering = answered;
    if (!closed && (before == null ? !answered : before != answered)) {
      LOG.log(
          answered ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
          answered
              ? "Redis answers again: rate limits are enforced"
              : "Redis does not answer: requests of keys with rate limits are refused until it"
                  + " does");
    }
  }

  /** Whether Redis answered the last command and the connection is open. */
  boolean ready() {
    Session open = session;
    return open != null && open.connection().isOpen() && Boolean.TRUE.equals(answering);
  }

  @Override
  public void close() {
    Session open;
    synchronized (this) {
      closed = true;
      open = session;
      session = null;
    }
    if (open != null) {
      open.connection().close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
