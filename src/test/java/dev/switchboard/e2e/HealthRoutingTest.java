package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.config.Config;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Health, routing and the gateway together, on real sockets: a cheap provider that starts failing
 * is ejected after its faults and the requests go to the next one without trying it first; once it
 * recovers, a probe finds it back and its traffic returns, well within 30 s.
 */
class HealthRoutingTest {
  private static final String MODEL = "health/chat";
  private static final String BODY =
      "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String ANSWER =
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":"
          + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,"
          + "\"total_tokens\":4}}";

  private static Vertx vertx;
  private static HttpServer cheap;
  private static HttpServer steady;
  private static final AtomicBoolean cheapFails = new AtomicBoolean();
  private static final AtomicInteger cheapCalls = new AtomicInteger();
  private static TestGateway gateway;
  private static String key;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    cheap = provider(cheapFails, cheapCalls);
    steady = provider(new AtomicBoolean(), new AtomicInteger());
    // Ejection after 3 faults for 300 ms, at most 600 ms; no price spread, so cheap is first.
    Config.Routing d = Config.Routing.defaults();
    Config.Routing routing =
        new Config.Routing(
            d.firstTokenTimeout(),
            Map.of(),
            d.deadline(),
            10,
            1_000,
            3,
            Duration.ofMillis(300),
            Duration.ofMillis(600),
            0,
            d.provider(),
            d.presets(),
            dev.switchboard.wire.Json.object());
    gateway =
        TestGateway.start(
            new Config.Server("127.0.0.1", 0, 1 << 20, Duration.ofSeconds(2)),
            new Config.Upstream(Duration.ofSeconds(2), Duration.ofSeconds(5), 8),
            routing,
            "models:\n"
                + TestGateway.model(MODEL)
                + "providers:\n"
                + TestGateway.provider("cheap", "http://127.0.0.1:" + cheap.actualPort() + "/v1")
                + TestGateway.provider("steady", "http://127.0.0.1:" + steady.actualPort() + "/v1")
                + "deployments:\n"
                + TestGateway.deployment(MODEL, "cheap", "m", 1)
                + TestGateway.deployment(MODEL, "steady", "m", 2));
    key = gateway.gateway.keys().create("health", OptionalLong.empty()).secret();
  }

  @AfterAll
  static void stop() {
    gateway.close();
    vertx.close().await();
  }

  @Test
  void aFailingProvider_isEjected_andItsTrafficReturnsSoonAfterItRecovers() throws Exception {
    assertThat(servedBy(chat())).containsExactly("cheap");

    cheapFails.set(true);
    // Each request: cheap fails, is retried once and fails again, then steady answers.
    assertThat(servedBy(chat())).containsExactly("cheap", "cheap", "steady");
    assertThat(servedBy(chat())).as("the third fault ejects it").startsWith("cheap");
    int callsWhenEjected = cheapCalls.get();
    assertThat(servedBy(chat())).as("ejected: not tried first").containsExactly("steady");
    assertThat(cheapCalls.get()).isEqualTo(callsWhenEjected);

    cheapFails.set(false);
    long recovered = System.nanoTime();
    long deadline = recovered + Duration.ofSeconds(30).toNanos();
    List<String> served = List.of();
    while (System.nanoTime() < deadline && !served.equals(List.of("cheap"))) {
      served = servedBy(chat());
      Thread.sleep(50);
    }
    Duration back = Duration.ofNanos(System.nanoTime() - recovered);
    System.out.println("HealthRoutingTest: traffic back " + back.toMillis() + " ms after recovery");
    assertThat(served).as("traffic returned to the recovered provider").containsExactly("cheap");
    assertThat(back)
        .as("within the longest ejection and a probe")
        .isLessThan(Duration.ofSeconds(5));
  }

  /** The providers this request's attempts went to, in order, from its ledger attempts. */
  private static List<String> servedBy(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String id = response.headers().firstValue("x-generation-id").orElseThrow();
    gateway.awaitRow(id);
    return gateway.gateway.ledger().attempts(id).stream().map(Attempt::providerId).toList();
  }

  private static HttpResponse<String> chat() {
    return gateway.post("/v1/chat/completions", key, BODY);
  }

  /** An OpenAI-format provider that answers, or fails with 500 while {@code fails} is set. */
  private static HttpServer provider(AtomicBoolean fails, AtomicInteger calls) {
    return vertx
        .createHttpServer()
        .requestHandler(
            request ->
                request
                    .body()
                    .onSuccess(
                        body -> {
                          calls.incrementAndGet();
                          request
                              .response()
                              .setStatusCode(fails.get() ? 500 : 200)
                              .putHeader("content-type", "application/json")
                              .end(fails.get() ? "{\"error\":{\"message\":\"down\"}}" : ANSWER);
                        }))
        .listen(0, "127.0.0.1")
        .await();
  }
}
