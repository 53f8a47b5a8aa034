package dev.switchboard.ratelimit;

import static org.assertj.core.api.Assertions.fail;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** The shared Redis of the test machine, used only under a random key prefix of one test. */
final class RedisFixture implements AutoCloseable {
  static final String URL = "redis://127.0.0.1:6379";
  static final int PORT = 6379;

  final String prefix = "sbtest:" + UUID.randomUUID();
  private final RedisClient client = RedisClient.create(URL);
  private final StatefulRedisConnection<String, String> connection;

  RedisFixture() {
    requireRedis();
    this.connection = client.connect();
  }

  RedisCommands<String, String> redis() {
    return connection.sync();
  }

  static void requireRedis() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", PORT), 1000);
    } catch (IOException e) {
      fail(
          "These tests need Redis on 127.0.0.1:%d (CI's .ci/run starts it; locally:"
              + " `apt-get install redis-server && redis-server --daemonize yes`): %s",
          PORT, e);
    }
  }

  /** Deletes every key under this fixture's prefix: other tests share the server. */
  @Override
  public void close() {
    ScanArgs match = ScanArgs.Builder.matches(prefix + ":*").limit(500);
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = redis().scan(cursor, match);
      if (!page.getKeys().isEmpty()) {
        redis().del(page.getKeys().toArray(String[]::new));
      }
      cursor = page;
    } while (!cursor.isFinished());
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  /** Waits up to {@code within} for a condition fire-and-forget Redis calls make true. */
  static void eventually(Duration within, BooleanSupplier condition, String what)
      throws InterruptedException {
    long end = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        fail("not within " + within + ": " + what);
      }
      Thread.sleep(20);
    }
  }
}
