package dev.switchboard.ratelimit;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Concurrent-request slots on Redis, shared by every node: per key a sorted set of permit ids
 * scored by when each slot expires (Redis server time, so node clocks do not matter). Taking a slot
 * is one Lua script: drop expired slots, count, add if under the limit. This node renews its held
 * slots every {@code ttl / 3}; a node that dies stops renewing, and its slots expire within one
 * {@code ttl}. A renewal only extends slots still present, so it never resurrects a slot released
 * (or expired) in between.
 */
final class ConcurrencySlots {
  private static final System.Logger LOG = System.getLogger("switchboard.ratelimit");

  private static final Script TAKE =
      new Script(
          """
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          local ttl = tonumber(ARGV[3])
          redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
          local held = redis.call('ZCARD', KEYS[1])
          if held >= tonumber(ARGV[2]) then
            return {0, held}
          end
          redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
          redis.call('PEXPIRE', KEYS[1], ttl * 2)
          return {1, held + 1}
          """);

  private static final Script RENEW =
      new Script(
          """
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          local ttl = tonumber(ARGV[1])
          local renewed = 0
          for i = 2, #ARGV do
            renewed = renewed + redis.call('ZADD', KEYS[1], 'XX', 'CH', now + ttl, ARGV[i])
          end
          if renewed > 0 then
            redis.call('PEXPIRE', KEYS[1], ttl * 2)
          end
          return {renewed}
          """);

  private final Duration ttl;

  /** Slots this node holds: permit id to the Redis key of its set. */
  private final Map<String, String> held = new ConcurrentHashMap<>();

  ConcurrencySlots(Duration ttl) {
    this.ttl = ttl;
  }

  Duration ttl() {
    return ttl;
  }

  /** Takes a slot: completes with the key's slots held after taking it, or -1 when all are. */
  CompletableFuture<Long> take(
      RedisAsyncCommands<String, byte[]> redis, String setKey, String permitId, int limit) {
    return TAKE.run(redis, setKey, permitId, Integer.toString(limit), Long.toString(ttl.toMillis()))
        .thenApply(
            reply -> {
              if ((Long) reply.getFirst() == 0) {
                return -1L;
              }
              held.put(permitId, setKey);
              return (Long) reply.get(1);
            });
  }

  /** Gives a slot back; if Redis cannot be told, the slot expires within one ttl. */
  void free(RedisAsyncCommands<String, byte[]> redis, String permitId) {
    String setKey = held.remove(permitId);
    if (setKey == null) {
      return;
    }
    redis
        .zrem(setKey, bytes(permitId))
        .whenComplete(
            (removed, failure) -> {
              if (failure != null) {
                LOG.log(
                    System.Logger.Level.DEBUG,
                    "A concurrency slot could not be freed now; it expires by itself: {0}",
                    failure.toString());
              }
            });
  }

  /** Extends every slot this node holds by one ttl from now. */
  void renew(RedisAsyncCommands<String, byte[]> redis) {
    Map<String, List<String>> byKey =
        held.entrySet().stream()
            .collect(
                Collectors.groupingBy(
                    Map.Entry::getValue,
                    Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
    byKey.forEach(
        (setKey, permits) -> {
          List<String> args = new ArrayList<>(permits.size() + 1);
          args.add(Long.toString(ttl.toMillis()));
          args.addAll(permits);
          RENEW.run(redis, setKey, args.toArray(String[]::new));
        });
  }

  int heldHere() {
    return held.size();
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** A Lua script run by its SHA-1, sent in full only when Redis does not have it yet. */
  private record Script(String source, String sha) {
    Script(String source) {
      this(source, sha1(source));
    }

    CompletableFuture<List<Object>> run(
        RedisAsyncCommands<String, byte[]> redis, String key, String... args) {
      String[] keys = {key};
      byte[][] values = new byte[args.length][];
      for (int i = 0; i < args.length; i++) {
        values[i] = bytes(args[i]);
      }
      return redis
          .<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, values)
          .toCompletableFuture()
          .exceptionallyCompose(
              failure ->
                  unwrap(failure) instanceof RedisNoScriptException
                      ? redis
                          .<List<Object>>eval(source, ScriptOutputType.MULTI, keys, values)
                          .toCompletableFuture()
                      : CompletableFuture.failedFuture(failure));
    }

    private static Throwable unwrap(Throwable failure) {
      return failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause()
          : failure;
    }

    private static String sha1(String source) {
      try {
        return HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-1", e);
      }
    }
  }
}
