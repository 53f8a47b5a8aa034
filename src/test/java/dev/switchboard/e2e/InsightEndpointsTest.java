package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.account.IssuedKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.ledger.UsageRecord;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The insight endpoints through the real gateway: requests sent by two apps with two kinds of
 * prompt are attributed and categorized in the ledger, and rankings, spend, savings, energy and
 * activity report them from the rollups; a key sees its own, an admin key every key's.
 */
class InsightEndpointsTest {
  private static final String CODE_PROMPT =
      "Fix the bug in this function:\\n```python\\ndef inc(x):\\n    return x - 1\\n```";
  private static final String GENERATION = "x-generation-id";
  private final GatewayHarness harness = GatewayHarness.shared();

  @Test
  void reportsWhatTheAppsSent_perKey_andAllToAnAdmin() throws Exception {
    IssuedKey mine = key("insight-mine");
    IssuedKey other = key("insight-other");
    String admin =
        harness
            .gateway
            .keys()
            .create("insight-admin-" + System.nanoTime(), KeyRules.NONE, true)
            .secret();
    List<JsonNode> answers = new ArrayList<>();
    answers.add(
        chat(mine, "deepseek/deepseek-v3.2", CODE_PROMPT, "user-agent", "claude-cli/2.0.14 (cli)"));
    answers.add(
        chat(
            mine, "minimax/minimax-m2.5", "Translate to French: good morning", "x-title", "Lingo"));
    JsonNode others =
        chat(other, "deepseek/deepseek-v3.2", "hello there", "user-agent", "OpenAI/Python 1.99.0");
    long myTokens = 0;
    for (JsonNode answer : answers) {
      myTokens += answer.at("/usage/total_tokens").asLong();
    }
    assertThat(awaitRow(others.get(GENERATION).asText()).app()).contains("OpenAI Python SDK");
    UsageRecord translated = awaitRow(answers.get(1).get(GENERATION).asText());
    assertThat(translated.app()).contains("Lingo");
    assertThat(translated.category()).contains("translation");
    UsageRecord coded = awaitRow(answers.getFirst().get(GENERATION).asText());
    assertThat(coded.app()).contains("Claude Code");
    assertThat(coded.category()).contains("programming");

    JsonNode byApp = get("/api/v1/rankings?period=day&by=app", mine.secret()).get("data");
    assertThat(byApp.get("by").asText()).isEqualTo("app");
    assertThat(byApp.get("period").asText()).isEqualTo("day");
    assertThat(byApp.get("total_tokens").asLong()).isEqualTo(myTokens);
    assertThat(byApp.get("items"))
        .extracting(item -> item.get("name").asText())
        .containsExactlyInAnyOrder("Claude Code", "Lingo");
    JsonNode top = byApp.get("items").get(0);
    assertThat(top.fieldNames())
        .toIterable()
        .containsExactly(
            "name",
            "tokens",
            "prompt_tokens",
            "completion_tokens",
            "requests",
            "share",
            "previous_tokens",
            "change");
    assertThat(top.get("change").isNull()).as("no tokens the day before").isTrue();
    double shares = 0;
    for (JsonNode item : byApp.get("items")) {
      shares += item.get("share").asDouble();
    }
    assertThat(shares).isCloseTo(1.0, within(1e-9));
    assertThat(get("/api/v1/rankings?by=category", mine.secret()).at("/data/items"))
        .extracting(item -> item.get("name").asText())
        .containsExactlyInAnyOrder("programming", "translation");
    assertThat(get("/api/v1/rankings?by=origin", mine.secret()).at("/data/items/0/name").asText())
        .isEqualTo("CN");

    JsonNode everyone = get("/api/v1/rankings?period=day&by=key", admin).get("data");
    assertThat(everyone.get("items"))
        .extracting(item -> item.get("name").asText())
        .contains(mine.key().id(), other.key().id());

    JsonNode spend = get("/api/v1/spend?group_by=app", mine.secret());
    assertThat(spend.get("data"))
        .extracting(item -> item.get("app").asText())
        .containsExactlyInAnyOrder("Claude Code", "Lingo");
    JsonNode stacked = get("/api/v1/spend?group_by=day,data_class", mine.secret());
    assertThat(stacked.at("/data/0/day").asText())
        .isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
    assertThat(stacked.at("/data/0/data_class").asText()).isEqualTo("public");
    assertThat(stacked.at("/data/0/requests").asLong()).isEqualTo(2);

    JsonNode savings = get("/api/v1/savings", mine.secret()).get("data");
    assertThat(savings.get("baseline").asText()).isEqualTo("anthropic/claude-opus-4.6");
    assertThat(savings.get("baseline_cost_micros").asLong())
        .isGreaterThan(savings.get("cost_micros").asLong());
    assertThat(savings.get("ratio").asDouble()).isGreaterThan(1);
    assertThat(savings.get("models")).hasSize(2);

    JsonNode energy = get("/api/v1/energy", mine.secret()).get("data");
    assertThat(energy.get("estimate").asBoolean()).isTrue();
    assertThat(energy.get("wh").asDouble()).isPositive();
    assertThat(energy.at("/countries/0/country").asText()).isIn("CN", "SG", "US");
    assertThat(energy.get("formula").asText()).contains("active_params");

    JsonNode activity = get("/api/v1/activity", mine.secret()).get("data");
    assertThat(activity).hasSize(2);
    assertThat(activity.get(0).fieldNames())
        .toIterable()
        .containsExactly(
            "date",
            "model",
            "model_permaslug",
            "endpoint_id",
            "provider_name",
            "usage",
            "byok_usage_inference",
            "requests",
            "prompt_tokens",
            "completion_tokens",
            "reasoning_tokens");
  }

  @Test
  void refusesAnUnknownDimensionOrPeriod_naming400sParameter() {
    IssuedKey mine = key("insight-bad");
    for (String[] bad :
        new String[][] {
          {"/api/v1/rankings?by=country", "by"},
          {"/api/v1/rankings?period=year", "period"},
          {"/api/v1/energy?from=yesterday", "from"},
          {"/api/v1/activity?date=today", "date"},
          {"/api/v1/savings?baseline=nobody/nothing", "baseline"}
        }) {
      JsonNode error =
          ErrorResponsesTest.expectError(harness.send(request(bad[0], mine.secret())), 400);
      assertThat(error.get("param").asText()).as(bad[0]).isEqualTo(bad[1]);
    }
  }

  private JsonNode chat(IssuedKey key, String model, String prompt, String header, String value) {
    String body =
        "{\"model\":\""
            + model
            + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + prompt
            + "\"}]}";
    HttpResponse<String> response =
        harness.send(
            harness
                .post("/v1/chat/completions", body)
                .setHeader("authorization", "Bearer " + key.secret())
                .setHeader(header, value)
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    ObjectNode answer = (ObjectNode) GatewayHarness.json(response.body());
    return answer.put(GENERATION, response.headers().firstValue("x-generation-id").orElseThrow());
  }

  private UsageRecord awaitRow(String id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (harness.ledgerRow(id).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return harness.ledgerRow(id).orElseThrow();
  }

  // The rollups commit with their rows (awaited above): no waiting here.
  private JsonNode get(String path, String secret) {
    HttpResponse<String> response = harness.send(request(path, secret));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return GatewayHarness.json(response.body());
  }

  private HttpRequest request(String path, String secret) {
    return HttpRequest.newBuilder(harness.uri(path))
        .header("authorization", "Bearer " + secret)
        .GET()
        .build();
  }

  private IssuedKey key(String name) {
    return harness.gateway.keys().create(name + "-" + System.nanoTime(), OptionalLong.empty());
  }
}
