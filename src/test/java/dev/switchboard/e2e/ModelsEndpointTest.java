package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** GET /v1/models lists the catalog in OpenRouter's shape; like OpenRouter's, it needs no key. */
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
  void needsNoKey_byDefault() {
    HttpResponse<String> response =
        harness.send(HttpRequest.newBuilder(harness.uri("/v1/models")).GET().build());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void retrievesOneModel_byItsAuthorAndSlug() {
    HttpResponse<String> response =
        harness.send(
            HttpRequest.newBuilder(harness.uri("/v1/models/deepseek/deepseek-v3.2")).GET().build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode model = GatewayHarness.json(response.body());
    assertThat(model.get("id").asText()).isEqualTo("deepseek/deepseek-v3.2");
    assertThat(model.get("object").asText()).isEqualTo("model");
    assertThat(model.get("owned_by").asText()).isNotBlank();
  }

  @Test
  void anUnknownModel_is404() {
    HttpResponse<String> response =
        harness.send(
            HttpRequest.newBuilder(harness.uri("/v1/models/nobody/nothing")).GET().build());
    assertThat(ErrorResponsesTest.expectError(response, 404).get("code").asText())
        .isEqualTo("model_not_found");
  }
}
