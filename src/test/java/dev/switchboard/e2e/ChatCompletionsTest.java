package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.catalog.Deployment;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.money.Money;
import dev.switchboard.sim.RecordedRequest;
import dev.switchboard.wire.Usage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The gateway proxies, prices and records chats against the simulated providers, over real sockets.
 */
class ChatCompletionsTest {
  private static final String MODEL = "deepseek/deepseek-v3.2";
  private final GatewayHarness harness = GatewayHarness.shared();

  @Test
  void nonStreamedChat_isProxiedPricedAndRecorded() {
    HttpResponse<String> response =
        harness.chat(GatewayHarness.body(MODEL, false, ",\"temperature\":0.3"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = GatewayHarness.json(response.body());
    assertThat(body.get("object").asText()).isEqualTo("chat.completion");
    assertThat(body.get("choices").get(0).get("message").get("content").asText()).isNotBlank();
    JsonNode usage = body.get("usage");
    Usage tokens =
        Usage.reported(
            usage.get("prompt_tokens").asLong(), usage.get("completion_tokens").asLong(), 0, 0);
    Deployment cheapest = cheapestDeployment(MODEL);
    Money expected = cheapest.prices().cost(tokens);
    assertThat(usage.get("cost").decimalValue()).isEqualByComparingTo(expected.toUsd());

    String id = response.headers().firstValue("x-generation-id").orElseThrow();
    UsageRecord row = harness.ledgerRow(id).orElseThrow();
    assertThat(row.costMicros()).isEqualTo(expected.micros());
    assertThat(row.promptTokens()).isEqualTo(tokens.promptTokens());
    assertThat(row.completionTokens()).isEqualTo(tokens.completionTokens());
    assertThat(row.servedModel()).hasValue(MODEL);
    assertThat(row.provider()).hasValue(cheapest.providerId());
    assertThat(row.estimated()).isFalse();
    assertThat(row.status()).isEqualTo(200);
  }

  @Test
  void upstreamReceivesTheClientBodyUnchanged_butForModelAndUsageOptIn() {
    harness.sim.clearRequests();
    harness.chat(
        GatewayHarness.body(
            MODEL,
            false,
            ",\"seed\":11,\"response_format\":{\"type\":\"json_object\"},\"vendor_field\":[1,2]"));
    RecordedRequest upstream = harness.sim.requests().getLast();
    JsonNode sent = GatewayHarness.json(upstream.body());
    assertThat(sent.get("model").asText()).isEqualTo(cheapestDeployment(MODEL).upstreamModel());
    assertThat(sent.get("seed").asInt()).isEqualTo(11);
    assertThat(sent.get("response_format").get("type").asText()).isEqualTo("json_object");
    assertThat(sent.get("vendor_field").toString()).isEqualTo("[1,2]");
    assertThat(upstream.headers().get("authorization"))
        .as("provider credential injected")
        .isEqualTo("Bearer sim-provider-key");
    assertThat(upstream.body()).doesNotContain(harness.key);
  }

  @Test
  void upstreamReceivesTheClientsBytes_ofEveryMemberTheGatewayDoesNotChange() {
    harness.sim.clearRequests();
    String messages =
        "\"messages\" : [ {\"role\":\"user\",  \"content\": \"tab\\tand \\u00e9, \\\"quoted\\\"\"} ]";
    String vendor = "\"vendor_field\": [1, 2.50, {\"a\" : null}]";
    HttpResponse<String> response =
        harness.chat(
            "{\n  \"model\": \"" + MODEL + "\",\n  " + messages + ",\n  " + vendor + "\n}");

    assertThat(response.statusCode()).isEqualTo(200);
    String sent = harness.sim.requests().getLast().body();
    assertThat(sent).contains(messages).contains(vendor);
    assertThat(GatewayHarness.json(sent).get("model").asText())
        .isEqualTo(cheapestDeployment(MODEL).upstreamModel());
  }

  @Test
  void aNameTwiceInOneObject_reachesTheProviderOnce_asThePolicyReadIt() {
    harness.sim.clearRequests();
    HttpResponse<String> response =
        harness.chat(
            "{\"model\":\""
                + MODEL
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"first\","
                + "\"content\":\"last\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    String sent = harness.sim.requests().getLast().body();
    assertThat(sent).contains("\"content\":\"last\"").doesNotContain("first");
  }

  @Test
  void streamedChat_relaysChunks_thenPricedUsage_thenDone_withTheRowAlreadyDurable() {
    HttpResponse<String> response = harness.chat(GatewayHarness.body(MODEL, true, ""));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("text/event-stream");
    List<String> data = dataLines(response.body());
    assertThat(data.getLast()).isEqualTo("[DONE]");
    JsonNode usageChunk = GatewayHarness.json(data.get(data.size() - 2));
    assertThat(usageChunk.get("choices")).isEmpty();
    JsonNode usage = usageChunk.get("usage");
    assertThat(usage.get("cost").decimalValue()).isPositive();
    String text =
        data.subList(0, data.size() - 2).stream()
            .map(GatewayHarness::json)
            .map(chunk -> chunk.path("choices").path(0).path("delta").path("content").asText(""))
            .collect(Collectors.joining());
    assertThat(text).isNotBlank();

    UsageRecord row =
        harness
            .ledgerRow(response.headers().firstValue("x-generation-id").orElseThrow())
            .orElseThrow();
    assertThat(row.stream()).isTrue();
    assertThat(row.completionTokens()).isEqualTo(usage.get("completion_tokens").asLong());
    assertThat(Money.ofMicros(row.costMicros()).toUsd())
        .isEqualByComparingTo(usage.get("cost").decimalValue());
    assertThat(row.ttftMs()).isPresent();
  }

  @Test
  void streamedToolCallDeltas_passThroughUnchanged() {
    String tools =
        ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\","
            + "\"properties\":{\"city\":{\"type\":\"string\"},\"days\":{\"type\":\"integer\"}},\"required\":[\"city\"]}}}]"
            + ",\"tool_choice\":\"required\"";
    harness.sim.clearRequests();
    List<String> viaGateway =
        dataLines(harness.chat(GatewayHarness.body(MODEL, true, tools)).body());
    String upstreamBody = harness.sim.requests().getLast().body();
    List<String> direct =
        dataLines(
            harness
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(
                                harness.sim.baseUrl("deepseek") + "/chat/completions"))
                        .header("authorization", "Bearer x")
                        .header("content-type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(upstreamBody))
                        .build())
                .body());
    // Everything but the usage chunk is the provider's own bytes; ids and timestamps differ per
    // call.
    assertThat(choicesOf(viaGateway)).isEqualTo(choicesOf(direct));
    assertThat(viaGateway.toString())
        .contains("\"tool_calls\"")
        .contains("get_weather")
        .contains("\"finish_reason\":\"tool_calls\"");
  }

  private static List<String> choicesOf(List<String> data) {
    List<String> out = new ArrayList<>();
    for (String line : data.subList(0, data.size() - 2)) {
      out.add(GatewayHarness.json(line).get("choices").toString());
    }
    return out;
  }

  static List<String> dataLines(String sse) {
    return sse.lines()
        .filter(line -> line.startsWith("data: "))
        .map(line -> line.substring(6))
        .toList();
  }

  private Deployment cheapestDeployment(String model) {
    return harness.catalog.deploymentsOf(model).stream()
        .min(
            java.util.Comparator.comparingLong(
                d ->
                    3 * d.prices().input().microsPerMillion()
                        + d.prices().output().microsPerMillion()))
        .orElseThrow();
  }
}
