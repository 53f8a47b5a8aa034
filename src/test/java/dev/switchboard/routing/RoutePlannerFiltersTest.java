package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingFixtures.failsWith;
import static dev.switchboard.routing.RoutingFixtures.planner;
import static dev.switchboard.routing.RoutingFixtures.providers;
import static dev.switchboard.routing.RoutingFixtures.request;
import static dev.switchboard.routing.RoutingFixtures.routing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.health.HealthView;
import dev.switchboard.wire.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every hard filter keeps what it should, and an empty result says what removed what. */
class RoutePlannerFiltersTest {
  private static final RoutePlanner PLANNER = planner();
  private static final String TOOLS =
      "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_time\","
          + "\"parameters\":{\"type\":\"object\",\"properties\":{}}}}]";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{}                                         | alpha, beta, gamma, delta",
        "{\"only\": [\"delta\", \"Beta\"]}          | beta, delta",
        "{\"only\": [\"delta/turbo\"]}              | delta",
        "{\"ignore\": [\"alpha\", \"beta\"]}        | gamma, delta",
        "{\"data_collection\": \"deny\"}            | alpha, delta",
        "{\"data_collection\": \"allow\"}           | alpha, beta, gamma, delta",
        "{\"zdr\": true}                            | alpha",
        "{\"quantizations\": [\"fp8\"]}             | alpha, gamma",
        "{\"max_price\": {\"prompt\": 1}}           | alpha, beta",
        "{\"max_price\": {\"prompt\": 1.02}}        | alpha, beta, gamma",
        "{\"max_price\": {\"prompt\": \"1.019999\"}} | alpha, beta",
        "{\"max_price\": {\"completion\": 3.99}}    | alpha, beta, gamma",
        "{\"order\": [\"delta\"], \"allow_fallbacks\": false} | delta",
      })
  void providerField_keepsWhatItAllows(String provider, String expected) {
    assertThat(providers(PLANNER.plan(request("lab/chat", "\"provider\": " + provider))))
        .containsExactlyInAnyOrder(expected.split(", "));
  }

  @Test
  void allowFallbacksFalse_withoutOrder_keepsOnlyTheFirstRoute() {
    assertThat(
            PLANNER.plan(
                request(
                    "lab/chat", "\"provider\": {\"allow_fallbacks\": false, \"sort\": \"price\"}")))
        .singleElement()
        .satisfies(route -> assertThat(route.deployment().providerId()).isEqualTo("alpha"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"only\": [\"omega\"]}  | provider.only removed alpha, beta, gamma, delta; no API key configured for unkeyed",
        "{\"quantizations\": [\"int4\"]} | provider.quantizations removed alpha (fp8), beta (bf16), gamma (fp8), delta (fp4); no API key configured for unkeyed",
        "{\"zdr\": true, \"ignore\": [\"alpha\"]} | provider.ignore removed alpha; provider.zdr removed beta, gamma, delta; no API key configured for unkeyed",
        "{\"max_price\": {\"prompt\": 0.5}} | provider.max_price.prompt removed alpha (1), beta (1), gamma (1.02), delta (2); no API key configured for unkeyed",
      })
  void nothingLeft_is404SayingWhichConstraintRemovedWhich(String provider, String reasons) {
    failsWith(PLANNER, request("lab/chat", "\"provider\": " + provider), ErrorKind.NO_ENDPOINTS)
        .hasMessage("no deployment of 'lab/chat' is eligible: " + reasons);
  }

  @Test
  void tools_needToolCapableDeployments() {
    assertThat(providers(PLANNER.plan(request("lab/chat", TOOLS))))
        .containsExactlyInAnyOrder("alpha", "beta", "delta");
    failsWith(
            PLANNER,
            request("lab/chat", TOOLS + ",\"provider\": {\"only\": [\"gamma\"]}"),
            ErrorKind.NO_ENDPOINTS)
        .hasMessageContaining("provider.only removed alpha, beta, delta; tool use removed gamma");
  }

  @Test
  void images_needAnImageModel() {
    String image =
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
            + "\"text\":\"what is this\"},{\"type\":\"image_url\",\"image_url\":{\"url\":"
            + "\"data:image/png;base64,iVBORw0KGgo=\"}}]}]}";
    String messages = image.substring(image.indexOf("\"messages\""), image.length() - 1);
    assertThat(providers(PLANNER.plan(requestWithMessages("lab/vision", messages))))
        .containsExactly("alpha", "beta");
    failsWith(PLANNER, requestWithMessages("lab/chat", messages), ErrorKind.NO_ENDPOINTS)
        .hasMessage(
            "no deployment of 'lab/chat' is eligible: image input removed alpha, beta, gamma, delta"
                + "; no API key configured for unkeyed");
  }

  @Test
  void promptAndMaxTokens_mustFitTheContext() {
    assertThat(providers(PLANNER.plan(request("lab/chat", "\"max_tokens\": 100000"))))
        .containsExactlyInAnyOrder("beta", "gamma", "delta");
    String longText = "x".repeat(300_000); // ~75K tokens
    RoutePlanner planner = planner();
    assertThat(
            providers(
                planner.plan(
                    requestWithMessages(
                        "lab/chat",
                        "\"messages\":[{\"role\":\"user\",\"content\":\"" + longText + "\"}]"))))
        .doesNotContain("alpha")
        .hasSize(3);
    failsWith(planner, request("lab/small", "\"max_tokens\": 20000"), ErrorKind.INVALID_REQUEST)
        .as("too long for every context: a 400 in Anthropic's words, which Claude Code compacts on")
        .hasMessage(
            "prompt is too long: no deployment of 'lab/small' is eligible: context (~20K tokens of"
                + " prompt and max_tokens) removed delta (16K), gamma (16K); no API key configured"
                + " for unkeyed");
    failsWith(
            planner,
            request("lab/small", "\"max_tokens\": 20000, \"provider\": {\"ignore\": [\"delta\"]}"),
            ErrorKind.NO_ENDPOINTS)
        .as("another constraint too: a routing 404")
        .hasMessageContaining("provider.ignore removed delta; context (~20K");
  }

  @Test
  void requireParameters_keepsDeploymentsSupportingEveryParameterSent() {
    assertThat(providers(PLANNER.plan(request("lab/chat", "\"seed\": 7"))))
        .as("without require_parameters a parameter is not a filter")
        .hasSize(4);
    assertThat(
            providers(
                PLANNER.plan(
                    request(
                        "lab/chat", "\"seed\": 7, \"provider\": {\"require_parameters\": true}"))))
        .containsExactlyInAnyOrder("alpha", "beta", "delta");
    failsWith(
            PLANNER,
            request(
                "lab/chat",
                "\"frequency_penalty\": 0.5, \"provider\": {\"require_parameters\": true}"),
            ErrorKind.NO_ENDPOINTS)
        .hasMessageContaining(
            "provider.require_parameters (frequency_penalty) removed alpha, beta, gamma, delta");
  }

  @Test
  void ceiling_cannotBeWidenedByTheClient() {
    RoutePlanner planner =
        planner(
            routing(
                """
                provider:
                  only: [alpha, beta, gamma]
                  data_collection: deny
                """),
            HealthView.NONE,
            1);
    assertThat(providers(planner.plan(request("lab/chat", "")))).containsExactly("alpha");
    assertThat(
            providers(
                planner.plan(
                    request("lab/chat", "\"provider\": {\"data_collection\": \"allow\"}"))))
        .containsExactly("alpha");
    failsWith(
            planner,
            request("lab/chat", "\"provider\": {\"only\": [\"delta\"]}"),
            ErrorKind.NO_ENDPOINTS)
        .hasMessageStartingWith(
            "no deployment of 'lab/chat' is eligible: provider.only (gateway limit) removed"
                + " alpha, beta, gamma, delta");
    assertThat(providers(planner.plan("lab/chat")))
        .as("plan(String) stays within the ceiling")
        .containsExactly("alpha");
  }

  @Test
  void ceilingMaxPrice_takesTheLowerLimit() {
    RoutePlanner planner =
        planner(routing("provider: {max_price: {prompt: 1.5}}"), HealthView.NONE, 1);
    assertThat(
            providers(
                planner.plan(
                    request("lab/chat", "\"provider\": {\"max_price\": {\"prompt\": 100}}"))))
        .containsExactlyInAnyOrder("alpha", "beta", "gamma");
  }

  @Test
  void unconfiguredProviders_keepTodaysMessage() {
    failsWith(PLANNER, request("lab/orphan", ""), ErrorKind.NO_ELIGIBLE_ROUTE)
        .hasMessage(
            "no provider serving 'lab/orphan' has an API key configured (providers: unkeyed)");
  }

  @Test
  void unknownModels_areModelNotFound_namingTheField() {
    failsWith(PLANNER, request("lab/none", ""), ErrorKind.MODEL_NOT_FOUND)
        .hasMessageStartingWith("model 'lab/none' is not in the catalog");
    failsWith(PLANNER, request("lab/chat", "\"models\": [\"lab/none\"]"), ErrorKind.MODEL_NOT_FOUND)
        .satisfies(
            e -> assertThat(((dev.switchboard.wire.GatewayError) e).param()).contains("models[0]"));
  }

  @Test
  void badProviderObject_isA400WithItsParam() {
    failsWith(
            PLANNER,
            request("lab/chat", "\"provider\": {\"sort\": \"fastest\"}"),
            ErrorKind.INVALID_REQUEST)
        .satisfies(
            e ->
                assertThat(((dev.switchboard.wire.GatewayError) e).param())
                    .contains("provider.sort"));
  }

  private static dev.switchboard.wire.ChatRequest requestWithMessages(
      String model, String messagesField) {
    return RoutingFixtures.requestOf("{\"model\":\"" + model + "\"," + messagesField + "}");
  }
}
