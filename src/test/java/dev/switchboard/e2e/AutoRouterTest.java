package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.account.KeyRules;
import dev.switchboard.autoroute.AutoPool;
import dev.switchboard.autoroute.PromptScorer;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.wire.Json;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code switchboard/auto} over real sockets, with the shipped router weights, in front of the
 * simulator: the pick answers and is named in the response, the ledger keeps the router's version,
 * score and pick, and the quality option, the key's allowed models and the provider options bound
 * what it may pick.
 */
class AutoRouterTest {
  private final GatewayHarness harness = GatewayHarness.shared();
  private final AutoPool pool = AutoPool.of(Json.object(), harness.catalog);

  @Test
  void qualityZeroPicksTheCheapestWeakModelAndOnePicksTheStrongOne() {
    HttpResponse<String> cheap = harness.chat(auto(false, ",\"auto\":{\"quality\":0}"));
    assertThat(cheap.statusCode()).as(cheap.body()).isEqualTo(200);
    assertThat(GatewayHarness.json(cheap.body()).get("model").asText())
        .isEqualTo(pool.weak().getFirst());

    HttpResponse<String> best = harness.chat(auto(false, ",\"auto\":{\"quality\":1}"));
    assertThat(GatewayHarness.json(best.body()).get("model").asText())
        .isEqualTo(pool.strong().getFirst());
  }

  @Test
  void theLedgerKeepsTheRoutersVersionScoreAndPick() {
    HttpResponse<String> response = harness.chat(auto(false, ""));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String id = response.headers().firstValue("x-generation-id").orElseThrow();
    UsageRecord row = harness.ledgerRow(id).orElseThrow();

    assertThat(row.requestedModel()).isEqualTo("switchboard/auto");
    assertThat(row.router()).isPresent();
    assertThat(row.router().get().version()).isEqualTo(PromptScorer.shipped().version());
    assertThat(row.router().get().score()).isBetween(0.0, 1.0);
    assertThat(row.servedModel()).contains(row.router().get().pick());
    assertThat(List.of(pool.strong(), pool.weak()).stream().flatMap(List::stream))
        .contains(row.router().get().pick());
    JsonNode generation =
        GatewayHarness.json(
                harness
                    .send(
                        java.net.http.HttpRequest.newBuilder(harness.uri("/v1/generation?id=" + id))
                            .header("authorization", "Bearer " + harness.key)
                            .build())
                    .body())
            .get("data");
    assertThat(generation.at("/router/pick").asText()).isEqualTo(row.router().get().pick());
  }

  @Test
  void aStreamedRequestIsRoutedTheSameWay() {
    HttpResponse<String> stream = harness.chat(auto(true, ",\"auto\":\"economy\""));
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.body())
        .contains("data: [DONE]")
        .contains("\"model\":\"" + pool.weak().getFirst());
  }

  @Test
  void aKeyLimitedToOneModelGetsThatModelWhateverTheScore() {
    String secret =
        harness
            .gateway
            .keys()
            .create("auto-limited", KeyRules.builder().models(List.of("deepseek/*")).build(), false)
            .secret();
    HttpResponse<String> response =
        harness.send(
            harness
                .post("/v1/chat/completions", auto(false, ",\"auto\":{\"quality\":1}"))
                .setHeader("authorization", "Bearer " + secret)
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(GatewayHarness.json(response.body()).get("model").asText()).startsWith("deepseek/");
  }

  @Test
  void aKeysDefaultModelServesRequestsThatNameNone() {
    String secret =
        harness
            .gateway
            .keys()
            .create(
                "auto-default",
                KeyRules.builder().defaultModel(java.util.Optional.of("switchboard/auto")).build(),
                false)
            .secret();
    String noModel =
        "{\"auto\":{\"quality\":0},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    HttpResponse<String> routed =
        harness.send(
            harness
                .post("/v1/chat/completions", noModel)
                .setHeader("authorization", "Bearer " + secret)
                .build());
    assertThat(routed.statusCode()).as(routed.body()).isEqualTo(200);
    assertThat(GatewayHarness.json(routed.body()).get("model").asText())
        .isEqualTo(pool.weak().getFirst());
    String id = routed.headers().firstValue("x-generation-id").orElseThrow();
    assertThat(harness.ledgerRow(id).orElseThrow().requestedModel()).isEqualTo("switchboard/auto");

    HttpResponse<String> refused = harness.chat(noModel);
    assertThat(refused.statusCode()).as("a key without a default model").isEqualTo(400);
    assertThat(GatewayHarness.json(refused.body()).at("/error/param").asText()).isEqualTo("model");
  }

  @Test
  void aKeyThatMayUseNoPoolModelIsRefusedWith403() {
    String secret =
        harness
            .gateway
            .keys()
            .create(
                "auto-outside", KeyRules.builder().models(List.of("openai/gpt-5")).build(), false)
            .secret();
    HttpResponse<String> response =
        harness.send(
            harness
                .post("/v1/chat/completions", auto(false, ""))
                .setHeader("authorization", "Bearer " + secret)
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(GatewayHarness.json(response.body()).at("/error/message").asText())
        .contains("none of the auto pool")
        .contains("openai/gpt-5");
  }

  @Test
  void theAnthropicFormatTakesTheSameOption() {
    String body =
        "{\"model\":\"switchboard/auto\",\"max_tokens\":64,\"auto\":{\"quality\":0},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    HttpResponse<String> response =
        harness.send(
            harness
                .post("/v1/messages", body)
                .setHeader("x-api-key", harness.key)
                .setHeader("anthropic-version", "2023-06-01")
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(GatewayHarness.json(response.body()).get("model").asText())
        .isEqualTo(pool.weak().getFirst());
  }

  @Test
  void providerOptionsThatLeaveNoPoolModelAre404AndABadOptionIs400() {
    HttpResponse<String> none =
        harness.chat(auto(false, ",\"provider\":{\"max_price\":{\"prompt\":0.01}}"));
    assertThat(none.statusCode()).as(none.body()).isEqualTo(404);
    assertThat(GatewayHarness.json(none.body()).at("/error/message").asText())
        .contains("deepseek/deepseek-v3.2")
        .contains("anthropic/claude-opus-4.6")
        .contains("max_price");

    HttpResponse<String> bad = harness.chat(auto(false, ",\"auto\":{\"quality\":7}"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(GatewayHarness.json(bad.body()).at("/error/param").asText())
        .isEqualTo("auto.quality");
  }

  private static String auto(boolean stream, String extra) {
    return GatewayHarness.body("switchboard/auto", stream, extra);
  }
}
