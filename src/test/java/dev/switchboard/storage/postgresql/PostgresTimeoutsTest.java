package dev.switchboard.storage.postgresql;

import static dev.switchboard.storage.SqlProbe.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.storage.StorageException;
import dev.switchboard.storage.TcpProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Every call to an unreachable PostgreSQL fails within about a second instead of hanging, and the
 * pool reconnects by itself once the server answers again.
 */
class PostgresTimeoutsTest {
  private static final Duration FAST_FAILURE = Duration.ofMillis(2_000);

  @Test
  void openFailsFast_whenNothingListens() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    String url = "postgresql://postgres@127.0.0.1:" + port + "/test";
    assertFailsFast(() -> PostgresDatabase.open(url), StorageException.class);
  }

  @Test
  void openFailsFast_whenTheServerNeverAnswers() throws IOException {
    // Accepted by the kernel, never answered: the handshake hangs without the driver's timeouts.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url = "postgresql://postgres@127.0.0.1:" + silent.getLocalPort() + "/test";
      assertFailsFast(() -> PostgresDatabase.open(url), StorageException.class);
    }
  }

  @Test
  void callsFailFast_whileTheServerIsGone_andWorkAgainAfter() throws Exception {
    try (TestPostgres schema = TestPostgres.schema();
        TcpProxy proxy = TcpProxy.to("127.0.0.1", 5432);
        PostgresDatabase db = PostgresDatabase.open(throughProxy(schema, proxy))) {
      assertThat(query(db, "SELECT 1")).isEqualTo("1");

      proxy.stop();
      assertFailsFast(() -> query(db, "SELECT 1"), SQLException.class);
      assertFailsFast(() -> query(db, "SELECT 1"), SQLException.class);

      proxy.start();
      assertThat(eventually(() -> query(db, "SELECT COUNT(*) FROM schema_version"))).isNotEmpty();
    }
  }

  @Test
  void callsFailFast_whenTheNetworkDropsEverything() throws Exception {
    try (TestPostgres schema = TestPostgres.schema();
        TcpProxy proxy = TcpProxy.to("127.0.0.1", 5432);
        PostgresDatabase db = PostgresDatabase.open(throughProxy(schema, proxy))) {
      assertThat(query(db, "SELECT 1")).isEqualTo("1");

      proxy.blackHole();
      assertFailsFast(() -> query(db, "SELECT 1"), SQLException.class);

      proxy.heal();
      assertThat(eventually(() -> query(db, "SELECT 2"))).isEqualTo("2");
    }
  }

  @Test
  void aSlowStatementIsCancelled_afterTheTimeout() throws Exception {
    try (TestPostgres schema = TestPostgres.schema();
        PostgresDatabase db = PostgresDatabase.open(schema.url())) {
      assertFailsFast(() -> query(db, "SELECT pg_sleep(10)"), SQLException.class);
      assertThat(query(db, "SELECT 3")).isEqualTo("3");
    }
  }

  private static String throughProxy(TestPostgres schema, TcpProxy proxy) {
    return schema.url().replace(":5432/", ":" + proxy.port() + "/");
  }

  private static void assertFailsFast(ThrowingCallable call, Class<? extends Throwable> type) {
    long start = System.nanoTime();
    assertThatThrownBy(call).isInstanceOf(type);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST_FAILURE);
  }

  private static String eventually(SqlCall call) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return call.run();
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("PostgreSQL did not come back through the pool", e);
        }
        Thread.sleep(100);
      }
    }
  }

  @FunctionalInterface
  private interface SqlCall {
    String run() throws SQLException;
  }
}
