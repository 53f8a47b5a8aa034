package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** GET /v1/models lists the catalog in OpenRouter's shape, behind the same key check as chats. */
class ModelsEndpointTest {
  private final GatewayHarness harness = GatewayHarness.shared();

  @Test
  void listsTheCatalog_inOpenRoutersShape() {
    HttpRequest request =
        HttpRequest.newBuilder(harness.uri("/v1/models"))
            .header("authorization", "Bearer " + harness.key)
            .GET()
            .build();
    HttpResponse<String> response = harness.send(request);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode data = GatewayHarness.json(response.body()).get("data");
    JsonNode deepseek =
        StreamSupport.stream(data.spliterator(), false)
            .filter(m -> m.get("id").asText().equals("deepseek/deepseek-v3.2"))
            .findFirst()
            .orElseThrow();
    assertThat(deepseek.get("object").asText()).isEqualTo("model");
    assertThat(deepseek.get("context_length").asInt()).isPositive();
    assertThat(deepseek.get("origin_country").asText()).isEqualTo("CN");
    assertThat(deepseek.get("architecture").get("input_modalities").toString()).contains("text");
    assertThat(new BigDecimal(deepseek.get("pricing").get("prompt").asText()))
        .as("USD per token")
        .isLessThan(new BigDecimal("0.00001"))
        .isPositive();
    assertThat(deepseek.get("supported_parameters").toString()).contains("tools");
    assertThat(deepseek.get("providers").size()).isGreaterThanOrEqualTo(2);
    assertThat(deepseek.get("providers").get(0).has("jurisdiction")).isTrue();
  }

  @Test
  void needsAKey() {
    HttpResponse<String> response =
        harness.send(HttpRequest.newBuilder(harness.uri("/v1/models")).GET().build());
    ErrorResponsesTest.expectError(response, 401);
  }
}
