package dev.switchboard.e2e;

import static dev.switchboard.e2e.PolicyGateway.CARD;
import static dev.switchboard.e2e.PolicyGateway.EMAIL;
import static dev.switchboard.e2e.PolicyGateway.nonce;
import static dev.switchboard.e2e.PolicyGateway.tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The third ingress format: a Gemini generateContent request is classed and filtered like the
 * others, and nothing eligible is a 404 in Gemini's error format naming the rule.
 */
class PolicyGeminiIngressTest {
  private static PolicyGateway gw;

  @BeforeAll
  static void start() {
    gw = PolicyGateway.start(PolicyRoutingTest.POLICY);
  }

  @AfterAll
  static void stop() {
    try {
      assertThat(gw.providers.providersThatSaw("4111")).isSubsetOf("us-zdr", "de-zdr", "fr-zdr");
    } finally {
      gw.close();
    }
  }

  private static String gemini(String system, String user) {
    return "{\"systemInstruction\":{\"parts\":[{\"text\":"
        + q(system)
        + "}]},\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":"
        + q(user)
        + "}]}]}";
  }

  private static String q(String text) {
    return Json.string(Json.mapper().getNodeFactory().textNode(text));
  }

  @Test
  void aCardInAGeminiRequest_goesOnlyToAnAllowedProvider() {
    String n = nonce();
    HttpResponse<String> response =
        gw.post(
            "/v1beta/models/pm/chat:generateContent",
            gemini("You are terse.", "Charge " + CARD + " " + tag(n)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(gw.providers.providers(n)).containsExactly("us-zdr");

    String m = nonce();
    HttpResponse<String> email =
        gw.post(
            "/v1beta/models/pm/chat:generateContent", gemini("Answer " + EMAIL, "hello " + tag(m)));
    assertThat(email.statusCode()).as(email.body()).isEqualTo(200);
    assertThat(gw.providers.providers(m)).containsExactly("nowhere");
  }

  @Test
  void nothingEligible_isA404InGeminisFormat_namingTheRule() {
    String n = nonce();
    HttpResponse<String> response =
        gw.post(
            "/v1beta/models/pm/cn-only:generateContent",
            gemini("You are terse.", "Charge " + CARD + " " + tag(n)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    JsonNode error = GatewayHarness.json(response.body()).path("error");
    assertThat(error.path("status").asText()).isEqualTo("NOT_FOUND");
    assertThat(error.path("message").asText())
        .contains("policy.classes.regulated.jurisdictions (processed in CN)");
    assertThat(response.body()).doesNotContain("4111");
    assertThat(gw.providers.providers(n)).isEmpty();
  }
}
