package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** GET /v1/generation shows a request's ledger row to the key that made it, and to no other. */
class GenerationEndpointTest {
  private final GatewayHarness harness = GatewayHarness.shared();

  @Test
  void showsTheLedgerRowOfARequest() {
    HttpResponse<String> chat =
        harness.chat(GatewayHarness.body("minimax/minimax-m2.5", false, ""));
    String id = chat.headers().firstValue("x-generation-id").orElseThrow();
    JsonNode data = GatewayHarness.json(harness.send(get(id, harness.key)).body()).get("data");
    JsonNode usage = GatewayHarness.json(chat.body()).get("usage");
    assertThat(data.get("id").asText()).isEqualTo(id);
    assertThat(data.get("model").asText()).isEqualTo("minimax/minimax-m2.5");
    assertThat(data.get("tokens_completion").asLong())
        .isEqualTo(usage.get("completion_tokens").asLong());
    assertThat(data.get("total_cost").decimalValue())
        .isEqualByComparingTo(usage.get("cost").decimalValue());
    assertThat(data.get("streamed").asBoolean()).isFalse();
  }

  @Test
  void anotherKeysGenerationIsNotFound() {
    String id =
        harness
            .chat(GatewayHarness.body("minimax/minimax-m2.5", false, ""))
            .headers()
            .firstValue("x-generation-id")
            .orElseThrow();
    String other = harness.gateway.keys().create("other", OptionalLong.empty()).secret();
    ErrorResponsesTest.expectError(harness.send(get(id, other)), 404);
    ErrorResponsesTest.expectError(harness.send(get("", harness.key)), 400);
  }

  private HttpRequest get(String id, String key) {
    return HttpRequest.newBuilder(harness.uri("/v1/generation?id=" + id))
        .header("authorization", "Bearer " + key)
        .GET()
        .build();
  }
}
