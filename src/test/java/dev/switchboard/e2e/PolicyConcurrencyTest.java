package dev.switchboard.e2e;

import static dev.switchboard.e2e.PolicyGateway.CARD;
import static dev.switchboard.e2e.PolicyGateway.nonce;
import static dev.switchboard.e2e.PolicyGateway.openAi;
import static dev.switchboard.e2e.PolicyGateway.tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many requests at once, small ones classed on the event loop and huge ones on workers: each keeps
 * its own class (a decision never leaks into another request). Also what is recorded of a request
 * nothing may serve, and that the scan endpoint wants a key.
 */
class PolicyConcurrencyTest {
  private static PolicyGateway gw;

  @BeforeAll
  static void start() {
    gw = PolicyGateway.start(PolicyRoutingTest.POLICY);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static HttpRequest request(String body) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gw.gateway.port() + "/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("authorization", "Bearer " + gw.key)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  @Test
  void concurrentRequests_ofMixedClassesAndSizes_eachKeepTheirOwnClass() {
    String filler = "Routers forward packets between networks. ".repeat(2000);
    List<String> flagged = new ArrayList<>();
    List<String> clean = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      for (int i = 0; i < 48; i++) {
        String n = nonce();
        boolean card = i % 2 == 0;
        boolean huge = i % 3 == 0;
        String text = (huge ? filler : "") + (card ? "card " + CARD : "nothing") + " " + tag(n);
        (card ? flagged : clean).add(n);
        answers.add(
            http.sendAsync(
                request(openAi("pm/chat", i % 4 < 2, "", text)),
                HttpResponse.BodyHandlers.ofString()));
      }
      for (CompletableFuture<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.join();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      }
    }
    for (String n : flagged) {
      assertThat(gw.providers.providers(n)).as(n).containsExactly("us-zdr");
    }
    for (String n : clean) {
      assertThat(gw.providers.providers(n)).as(n).containsExactly("cn-cheap");
    }
  }

  @Test
  void aRequestNothingMayServe_leavesA404Row_withNoProvider() {
    String n = nonce();
    HttpResponse<String> response =
        gw.chat(openAi("pm/cn-only", false, "", "card " + CARD + " " + tag(n)));
    assertThat(response.statusCode()).isEqualTo(404);
    dev.switchboard.ledger.UsageRecord row = gw.row(response);
    assertThat(row.status()).isEqualTo(404);
    assertThat(row.errorCode()).contains("no_endpoints");
    assertThat(row.provider()).isEmpty();
    assertThat(row.costMicros()).isZero();
    assertThat(gw.providers.providers(n)).isEmpty();
  }

  @Test
  void theScanEndpoint_wantsAValidKey() throws Exception {
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + gw.gateway.port() + "/api/v1/policy/scan"))
                  .header("content-type", "application/json")
                  .header("authorization", "Bearer sk-sb-v1-not-a-key")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          openAi("pm/chat", false, "", "card " + CARD)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).doesNotContain("4111");
    }
  }
}
