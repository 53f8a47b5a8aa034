package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.sim.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's fault menu: with {@code upstream.forward_sim_fault_header} a client's {@code
 * x-sim-fault} header reaches the first provider tried, which fails, and the next one answers.
 * Without the setting (every real gateway) the header never leaves the gateway.
 */
class SimFaultForwardingTest {
  private static final String MODEL = "deepseek/deepseek-v3.2";
  @RegisterExtension static final SimExtension SIM = new SimExtension();
  @TempDir Path dir;

  @Test
  void demoGateway_fallsBackToTheNextProvider_whenTheHeaderFailsTheFirst() throws Exception {
    try (Switchboard gateway = gateway(true)) {
      HttpResponse<String> response = chat(gateway, "status-503");

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      List<RecordedRequest> upstream = SIM.provider().requests();
      assertThat(upstream).hasSize(2);
      assertThat(upstream.get(0).header("x-sim-fault")).isEqualTo("status-503");
      assertThat(upstream.get(1).header("x-sim-fault"))
          .as("only the first attempt fails")
          .isEmpty();
      assertThat(upstream.get(1).providerId()).isNotEqualTo(upstream.get(0).providerId());
      UsageRecord row = row(gateway, response);
      assertThat(row.provider()).hasValue(upstream.get(1).providerId());
    }
  }

  @Test
  void gatewayWithoutTheSetting_neverForwardsTheHeader() throws Exception {
    try (Switchboard gateway = gateway(false)) {
      HttpResponse<String> response = chat(gateway, "status-503");

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(SIM.provider().requests()).hasSize(1);
      assertThat(SIM.provider().requests().getFirst().header("x-sim-fault")).isEmpty();
    }
  }

  private Switchboard gateway(boolean forwardSimFault) {
    return ShippedGateway.start(dir, SIM.provider(), forwardSimFault);
  }

  private static HttpResponse<String> chat(Switchboard gateway, String fault) throws Exception {
    String key = gateway.keys().create("fault-" + System.nanoTime(), OptionalLong.empty()).secret();
    SIM.provider().clearRequests();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
            .header("authorization", "Bearer " + key)
            .header("content-type", "application/json")
            .header("x-sim-fault", fault)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\""
                        + MODEL
                        + "\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
            .build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  private static UsageRecord row(Switchboard gateway, HttpResponse<String> response) {
    String id = response.headers().firstValue("x-generation-id").orElseThrow();
    return gateway.ledger().find(id).orElseThrow();
  }
}
