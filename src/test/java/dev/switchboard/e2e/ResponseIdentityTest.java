package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.ledger.UsageRecord;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client sees the catalog id of the model that served, whichever provider it was, and every chunk
 * of a stream carries one id, one created time and one model, the gateway's own chunks (usage, in-
 * band error) included. The provider's own model name stays in the ledger and the generation
 * record.
 */
class ResponseIdentityTest {
  private static final String MODEL = "deepseek/deepseek-v3.2";
  private final GatewayHarness harness = GatewayHarness.shared();

  @Test
  void aUnaryAnswer_namesTheCatalogModel_andTheLedgerKeepsTheProvidersName() {
    harness.sim.clearRequests();
    HttpResponse<String> response = harness.chat(GatewayHarness.body(MODEL, false, ""));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(GatewayHarness.json(response.body()).get("model").asText()).isEqualTo(MODEL);
    assertThat(row(response).providerModel()).hasValue(upstreamModel());
  }

  @Test
  void everyChunkOfAStream_carriesOneIdCreatedAndModel_theUsageChunkIncluded() {
    harness.sim.clearRequests();
    HttpResponse<String> response = harness.chat(GatewayHarness.body(MODEL, true, ""));
    List<String> data = ChatCompletionsTest.dataLines(response.body());
    assertThat(data.getLast()).isEqualTo("[DONE]");
    List<JsonNode> chunks =
        data.subList(0, data.size() - 1).stream().map(GatewayHarness::json).toList();
    assertOneIdentity(chunks, MODEL);
    assertThat(chunks.getLast().has("usage")).isTrue();
    UsageRecord row = row(response);
    assertThat(row.providerModel()).hasValue(upstreamModel());
    assertThat(chunks.getFirst().get("id").asText()).isNotEqualTo(row.id());

    JsonNode generation =
        GatewayHarness.json(
                harness
                    .send(
                        java.net.http.HttpRequest.newBuilder(
                                harness.uri("/v1/generation?id=" + row.id()))
                            .header("authorization", "Bearer " + harness.key)
                            .build())
                    .body())
            .get("data");
    assertThat(generation.get("model").asText()).isEqualTo(MODEL);
    assertThat(generation.get("provider_model").asText()).isEqualTo(upstreamModel());
  }

  @Test
  void theInBandErrorChunk_carriesTheStreamsIdCreatedAndModel() {
    HttpResponse<String> response = harness.chat(GatewayHarness.body("test/cut", true, ""));
    List<JsonNode> chunks =
        ChatCompletionsTest.dataLines(response.body()).stream().map(GatewayHarness::json).toList();
    assertThat(chunks.getLast().has("error")).isTrue();
    assertThat(chunks.size()).isGreaterThan(1);
    assertOneIdentity(chunks, "test/cut");
    assertThat(chunks.getLast().get("id").asText()).isNotEqualTo("chatcmpl-gateway");
  }

  private static void assertOneIdentity(List<JsonNode> chunks, String model) {
    JsonNode first = chunks.getFirst();
    for (JsonNode chunk : chunks) {
      assertThat(chunk.get("model").asText()).as(chunk.toString()).isEqualTo(model);
      assertThat(chunk.get("id").asText()).as(chunk.toString()).isEqualTo(first.get("id").asText());
      assertThat(chunk.get("created").asLong())
          .as(chunk.toString())
          .isEqualTo(first.get("created").asLong());
    }
  }

  private UsageRecord row(HttpResponse<String> response) {
    return harness
        .ledgerRow(response.headers().firstValue("x-generation-id").orElseThrow())
        .orElseThrow();
  }

  /** What the gateway asked the simulated provider for: the provider's own name for the model. */
  private String upstreamModel() {
    return GatewayHarness.json(harness.sim.requests().getLast().body()).get("model").asText();
  }
}
