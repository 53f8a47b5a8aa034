package dev.switchboard.e2e;

import static dev.switchboard.e2e.PolicyGateway.CARD;
import static dev.switchboard.e2e.PolicyGateway.EMAIL;
import static dev.switchboard.e2e.PolicyGateway.nonce;
import static dev.switchboard.e2e.PolicyGateway.tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/policy/scan}: the documented JSON for a request of either format (class,
 * rule, action, findings as offsets in the client's message indexes, eligible deployments in the
 * order they would be tried), never the matched text, and no provider called.
 */
class PolicyScanEndpointTest {
  private static PolicyGateway gw;

  @BeforeAll
  static void start() {
    gw = PolicyGateway.start(PolicyRoutingTest.POLICY);
  }

  @AfterAll
  static void stop() {
    try {
      assertThat(gw.providers.received).as("no provider was ever called").isEmpty();
    } finally {
      gw.close();
    }
  }

  private static JsonNode scan(String body, String... headers) {
    HttpResponse<String> response = gw.post("/api/v1/policy/scan", body, headers);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).doesNotContain("4111").doesNotContain("jane.doe");
    return GatewayHarness.json(response.body());
  }

  private static List<String> eligible(JsonNode report) {
    List<String> out = new ArrayList<>();
    for (JsonNode d : report.path("eligible_deployments")) {
      out.add(d.path("model").asText() + "@" + d.path("provider").asText());
    }
    return out;
  }

  /** {@code value} as a JSON string literal. */
  private static String text(String value) {
    return Json.string(Json.mapper().getNodeFactory().textNode(value));
  }

  @Test
  void anOpenAiRequest_isExplained_withOffsetsInEachMessage() {
    String n = nonce();
    String system = "You help " + EMAIL + " with billing.";
    String user = "Please charge " + CARD + " today " + tag(n);
    String body =
        "{\"model\":\"pm/chat\",\"messages\":["
            + "{\"role\":\"system\",\"content\":"
            + text(system)
            + "},"
            + "{\"role\":\"user\",\"content\":\"hello\"},"
            + "{\"role\":\"assistant\",\"content\":\"Hi.\"},"
            + "{\"role\":\"user\",\"content\":"
            + text(user)
            + "}]}";
    JsonNode report = scan(body);

    assertThat(report.path("data_class").asText()).isEqualTo("regulated");
    assertThat(report.path("rule").asText()).isEqualTo("policy.classes.regulated");
    assertThat(report.path("action").asText()).isEqualTo("route");
    JsonNode findings = report.path("findings");
    assertThat(findings).hasSize(2);
    JsonNode email = findings.get(0);
    assertThat(email.path("type").asText()).isEqualTo("EMAIL");
    assertThat(email.path("message_index").asInt()).isZero();
    assertThat(email.path("start").asInt()).isEqualTo(system.indexOf(EMAIL));
    assertThat(email.path("end").asInt()).isEqualTo(system.indexOf(EMAIL) + EMAIL.length());
    JsonNode card = findings.get(1);
    assertThat(card.path("type").asText()).isEqualTo("CREDIT_CARD");
    assertThat(card.path("message_index").asInt()).isEqualTo(3);
    assertThat(card.path("start").asInt()).isEqualTo(user.indexOf(CARD));
    assertThat(card.path("end").asInt()).isEqualTo(user.indexOf(CARD) + CARD.length());
    for (JsonNode f : findings) {
      assertThat(f.has("text")).isFalse();
      assertThat(f.has("value")).isFalse();
    }
    assertThat(eligible(report))
        .containsExactly("pm/chat@us-zdr", "pm/chat@de-zdr", "pm/chat@fr-zdr");
    assertThat(report.path("eligible_deployments").get(1).path("jurisdiction").asText())
        .isEqualTo("DE");
    assertThat(report.has("no_endpoints")).isFalse();
    assertThat(gw.providers.providers(n)).isEmpty();
  }

  @Test
  void anAnthropicRequest_isExplained_theSystemPromptAsMinusOne() {
    String system = "Reply to " + EMAIL;
    String user = "Card " + CARD;
    String body =
        "{\"model\":\"pm/chat\",\"max_tokens\":100,\"system\":"
            + text(system)
            + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
            + text(user)
            + "}]}]}";
    for (JsonNode report :
        List.of(
            scan(body),
            scan(body, "anthropic-version", "2023-06-01"),
            gwScan("/api/v1/policy/scan?format=anthropic", body))) {
      assertThat(report.path("data_class").asText()).isEqualTo("regulated");
      JsonNode findings = report.path("findings");
      assertThat(findings).hasSize(2);
      assertThat(findings.get(0).path("type").asText()).isEqualTo("EMAIL");
      assertThat(findings.get(0).path("message_index").asInt()).isEqualTo(-1);
      assertThat(findings.get(0).path("start").asInt()).isEqualTo(9);
      assertThat(findings.get(0).path("end").asInt()).isEqualTo(9 + EMAIL.length());
      assertThat(findings.get(1).path("type").asText()).isEqualTo("CREDIT_CARD");
      assertThat(findings.get(1).path("message_index").asInt()).isZero();
      assertThat(findings.get(1).path("start").asInt()).isEqualTo(5);
      assertThat(eligible(report))
          .containsExactly("pm/chat@us-zdr", "pm/chat@de-zdr", "pm/chat@fr-zdr");
    }
  }

  private static JsonNode gwScan(String path, String body) {
    HttpResponse<String> response = gw.post(path, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return GatewayHarness.json(response.body());
  }

  @Test
  void aCleanRequest_listsEveryDeployment_cheapestFirst_andTheHeaderRaisesIt() {
    String body = "{\"model\":\"pm/chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    JsonNode clean = scan(body);
    assertThat(clean.path("data_class").asText()).isEqualTo("public");
    assertThat(clean.path("findings")).isEmpty();
    assertThat(eligible(clean))
        .containsExactly(
            "pm/chat@cn-cheap",
            "pm/chat@nowhere",
            "pm/chat@us-open",
            "pm/chat@us-zdr",
            "pm/chat@de-zdr",
            "pm/chat@fr-zdr");
    JsonNode raised = scan(body, "X-Data-Class", "confidential");
    assertThat(raised.path("data_class").asText()).isEqualTo("confidential");
    assertThat(raised.path("raised_by").asText()).isEqualTo("header");
    assertThat(eligible(raised))
        .containsExactly("pm/chat@nowhere", "pm/chat@us-zdr", "pm/chat@de-zdr", "pm/chat@fr-zdr");
  }

  @Test
  void nothingEligible_isReported_withTheRule() {
    String body =
        "{\"model\":\"pm/cn-only\",\"models\":[\"pm/spare\"],\"provider\":{\"only\":[\"cn-cheap\"]},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"card "
            + CARD
            + "\"}]}";
    JsonNode report = scan(body);
    assertThat(report.path("eligible_deployments")).isEmpty();
    assertThat(report.path("no_endpoints").asText())
        .contains("policy.classes.regulated.jurisdictions (processed in CN)")
        .contains("pm/spare");
  }

  @Test
  void providerOptions_narrowTheList_inTheirOrder() {
    String body =
        "{\"model\":\"pm/chat\",\"provider\":{\"order\":[\"fr-zdr\",\"cn-cheap\",\"us-zdr\"]},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"card "
            + CARD
            + "\"}]}";
    assertThat(eligible(scan(body)))
        .containsExactly("pm/chat@fr-zdr", "pm/chat@us-zdr", "pm/chat@de-zdr");
  }

  @Test
  void aHugeRequest_isExplainedAlike() {
    String filler = "Routers forward packets between networks. ".repeat(3000);
    String user = filler + "card " + CARD + " " + filler;
    String body =
        "{\"model\":\"pm/chat\",\"messages\":[{\"role\":\"user\",\"content\":" + text(user) + "}]}";
    assertThat(body.length()).isGreaterThan(64 * 1024);
    JsonNode report = scan(body);
    assertThat(report.path("data_class").asText()).isEqualTo("regulated");
    assertThat(report.path("findings").get(0).path("start").asInt()).isEqualTo(user.indexOf(CARD));
  }

  @Test
  void badInput_isA400_inTheBodysFormat() {
    HttpResponse<String> badHeader =
        gw.post(
            "/api/v1/policy/scan",
            "{\"model\":\"pm/chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "X-Data-Class",
            "secret");
    assertThat(badHeader.statusCode()).isEqualTo(400);
    assertThat(GatewayHarness.json(badHeader.body()).path("error").path("param").asText())
        .isEqualTo("X-Data-Class");
    HttpResponse<String> notJson = gw.post("/api/v1/policy/scan", "{\"model\":");
    assertThat(notJson.statusCode()).isEqualTo(400);
    HttpResponse<String> anthropicBad =
        gw.post("/api/v1/policy/scan?format=anthropic", "{\"model\":\"pm/chat\",\"messages\":[]}");
    assertThat(anthropicBad.statusCode()).isEqualTo(400);
    assertThat(GatewayHarness.json(anthropicBad.body()).path("type").asText()).isEqualTo("error");
  }
}
