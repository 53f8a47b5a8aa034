package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.ClientLimits;
import dev.switchboard.config.Config;
import dev.switchboard.ledger.UsageRecord;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stream clients that never read must not hold provider connections: each is cut loose after the
 * write timeout, and the provider they pinned serves others again.
 */
class SlowClientsTest {
  private static final int POOL = 4;
  private static Vertx vertx;
  private static FakeProvider fake;
  private static TestGateway gateway;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    fake = FakeProvider.start(vertx);
    String catalog =
        "models:\n"
            + TestGateway.model("slow/endless")
            + TestGateway.model("slow/ok")
            + TestGateway.model("slow/broken")
            + "providers:\n"
            + "  - {id: busy, name: Busy, format: openai, base_url: \""
            + fake.baseUrl()
            + "\", api_key: test-key-123, jurisdiction: US}\n"
            + "deployments:\n"
            + "  - {model: slow/endless, provider: busy, upstream_model: endless,"
            + " price: {input: 1, output: 1}}\n"
            + "  - {model: slow/ok, provider: busy, upstream_model: ok,"
            + " price: {input: 1, output: 1}}\n"
            + "  - {model: slow/broken, provider: busy, upstream_model: echo-json-500,"
            + " price: {input: 1, output: 1}}\n";
    gateway =
        TestGateway.start(
            new Config.Server(
                "127.0.0.1",
                0,
                64 * 1024,
                Duration.ofMillis(200),
                ClientLimits.defaults().withWriteTimeout(Duration.ofSeconds(1)),
                true),
            new Config.Upstream(Duration.ofSeconds(5), Duration.ofSeconds(5), POOL),
            catalog);
    // A failure loads the tokenizer for its estimate; let that happen before the clock matters.
    String key = gateway.gateway.keys().create("warm-up", OptionalLong.empty()).secret();
    gateway.post("/v1/chat/completions", key, GatewayHarness.body("slow/broken", false, ""));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    fake.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void clientsThatNeverRead_areCutLoose_andTheProviderServesOthersAgain() throws IOException {
    // Every event loop has its own pool of POOL connections and a wait queue as long.
    int stalled = 2 * POOL * Runtime.getRuntime().availableProcessors() + 2;
    String key = gateway.gateway.keys().create("slow", OptionalLong.empty()).secret();
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < stalled; i++) {
        sockets.add(neverReading(key));
      }
      await(() -> fake.endlessBegun.get() >= POOL, "the stalled clients fill the pool");
      await(
          () -> rows().size() == stalled && fake.endlessOpen.get() == 0,
          "every stalled stream ended and released its provider connection");
      assertThat(sockets).as("the clients themselves never hung up").noneMatch(Socket::isClosed);
      List<UsageRecord> rows = rows();
      assertThat(rows)
          .as("a client cut loose is recorded as gone, not as a provider failure")
          .anyMatch(
              row -> row.status() == 499 && row.errorCode().equals(Optional.of("client_closed")));
      for (boolean stream : List.of(false, true)) {
        HttpResponse<String> normal =
            gateway.post("/v1/chat/completions", key, GatewayHarness.body("slow/ok", stream, ""));
        assertThat(normal.statusCode()).as(normal.body()).isEqualTo(200);
      }
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  private static List<UsageRecord> rows() {
    return gateway.gateway.ledger().recent(1000).stream()
        .filter(row -> row.requestedModel().equals("slow/endless"))
        .toList();
  }

  /** A stream request from a client with a tiny receive buffer that then reads nothing. */
  private static Socket neverReading(String key) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(1024);
    socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()));
    RawHttp.writeChat(socket, key, "slow/endless", true, "Connection", "close");
    return socket;
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out waiting until "
                + what
                + " (endless streams open: "
                + fake.endlessOpen.get()
                + ", begun: "
                + fake.endlessBegun.get()
                + ", rows: "
                + rows().size()
                + ")");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
