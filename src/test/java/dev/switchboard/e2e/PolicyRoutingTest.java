package dev.switchboard.e2e;

import static dev.switchboard.e2e.PolicyGateway.CARD;
import static dev.switchboard.e2e.PolicyGateway.EMAIL;
import static dev.switchboard.e2e.PolicyGateway.anthropic;
import static dev.switchboard.e2e.PolicyGateway.nonce;
import static dev.switchboard.e2e.PolicyGateway.openAi;
import static dev.switchboard.e2e.PolicyGateway.tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9 part 3, against recording providers: flagged data reaches no provider outside its class's
 * allowed set, on first attempts, retries, fallbacks, {@code models} lists and every {@code
 * provider} option; client options only narrow; unknown counts as most restrictive; nothing
 * eligible is a 404 naming the rule; text in the prompt changes nothing. Prices (cheapest first):
 * cn-cheap (CN, trains), nowhere (unknown jurisdiction, ZDR), us-open (US, terms unpublished),
 * us-zdr, de-zdr, fr-zdr (ZDR, no training).
 */
class PolicyRoutingTest {
  static final String POLICY =
      """
      classes:
        internal: {jurisdictions: [US, EU], model_origins: [US, FR]}
        confidential: {no_training: true}
        regulated: {jurisdictions: [US, EU], zero_retention: true, no_training: true}
      """;
  private static final Set<String> REGULATED = Set.of("us-zdr", "de-zdr", "fr-zdr");
  private static final Set<String> CONFIDENTIAL = Set.of("nowhere", "us-zdr", "de-zdr", "fr-zdr");
  private static PolicyGateway gw;

  @BeforeAll
  static void start() {
    gw = PolicyGateway.start(POLICY);
  }

  @AfterAll
  static void everyCardAndEmail_reachedOnlyAllowedProviders() {
    try {
      assertThat(gw.providers.providersThatSaw("4111")).isSubsetOf(REGULATED);
      assertThat(gw.providers.providersThatSaw("1111 1111")).isSubsetOf(REGULATED);
      assertThat(gw.providers.providersThatSaw(EMAIL)).isSubsetOf(CONFIDENTIAL);
      assertThat(gw.providers.received).as("the tests did send").isNotEmpty();
    } finally {
      gw.close();
    }
  }

  /** Sends a request carrying {@code nonce}; the answer must be a 200. */
  private static HttpResponse<String> ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response;
  }

  private static String card(String nonce, String more) {
    return "Charge my card " + CARD + " for the order. " + more + " " + tag(nonce);
  }

  private static JsonNode json(String body) {
    return GatewayHarness.json(body);
  }

  /** A 404 no_endpoints in OpenAI's format naming {@code labels}. */
  private static void assertNoEndpoints(HttpResponse<String> response, String... labels) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    JsonNode error = json(response.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("no_endpoints");
    assertThat(error.path("message").asText()).contains(labels);
    assertThat(response.body()).doesNotContain("4111").doesNotContain(EMAIL);
  }

  // --- First attempts ---

  @Test
  void aCleanRequest_goesToTheCheapest_soTheFilterIsWhatKeepsDataAway() {
    String n = nonce();
    ok(gw.chat(openAi("pm/chat", false, "", "Say something about routers. " + tag(n))));
    assertThat(gw.providers.providers(n)).containsExactly("cn-cheap");
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void aCardNumber_goesOnlyToTheCheapestRegulatedDeployment(boolean stream) {
    String n = nonce();
    HttpResponse<String> response = ok(gw.chat(openAi("pm/chat", stream, "", card(n, ""))));
    assertThat(gw.providers.providers(n)).containsExactly("us-zdr");
    assertThat(response.body()).contains("fine");
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void anEmail_isConfidential_neverToAProviderThatTrainsOrDoesNotSay(boolean stream) {
    String n = nonce();
    ok(gw.chat(openAi("pm/chat", stream, "", "Write to " + EMAIL + " " + tag(n))));
    assertThat(gw.providers.providers(n))
        .as("nowhere's jurisdiction is unknown, but confidential demands none")
        .containsExactly("nowhere");
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void anthropicIngress_isClassedAndFilteredAlike(boolean stream) {
    String n = nonce();
    HttpResponse<String> response = ok(gw.messages(anthropic("pm/chat", stream, card(n, ""))));
    assertThat(gw.providers.providers(n)).containsExactly("us-zdr");
    assertThat(response.body()).contains("fine");
  }

  // --- Retries and fallbacks ---

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void aPersistent500_isRetried_thenFallsToTheNextAllowedProvider(boolean stream) {
    String n = nonce();
    ok(gw.chat(openAi("pm/chat", stream, "", card(n, "[[fail:us-zdr:500]]"))));
    assertThat(gw.providers.providers(n)).containsExactly("us-zdr", "us-zdr", "de-zdr");
  }

  @Test
  void a429_isRetriedOnTheSameAllowedProvider() {
    String n = nonce();
    ok(gw.chat(openAi("pm/chat", false, "", card(n, "[[once:us-zdr:429]]"))));
    assertThat(gw.providers.providers(n)).containsExactly("us-zdr", "us-zdr");
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void everyAllowedProviderFailing_isAnError_neverAWiderSet(boolean stream) {
    String n = nonce();
    HttpResponse<String> response =
        gw.chat(
            openAi(
                "pm/chat",
                stream,
                "",
                card(n, "[[fail:us-zdr:503]] [[fail:de-zdr:502]] [[fail:fr-zdr:500]]")));
    if (response.statusCode() == 200) {
      // A stream whose keep-alive comments went out while it waited ends with an in-band error.
      assertThat(stream).as(response.body()).isTrue();
      assertThat(response.body()).contains("upstream_failed").doesNotContain("[DONE]");
    } else {
      assertThat(response.statusCode()).as(response.body()).isGreaterThanOrEqualTo(500);
    }
    assertThat(gw.providers.providers(n)).isNotEmpty().allMatch(REGULATED::contains);
    assertThat(gw.providers.providers(n)).contains("us-zdr", "de-zdr", "fr-zdr");
    assertThat(response.body()).doesNotContain("4111");
  }

  @Test
  void aModelsFallbackList_isFilteredToo() {
    String n = nonce();
    String models = ",\"models\":[\"pm/spare\",\"pm/chat\"]";
    ok(gw.chat(openAi("pm/cn-only", false, models, card(n, "[[fail:fr-zdr:503]]"))));
    assertThat(gw.providers.reached(n)).containsExactly("fr-zdr/spare", "us-zdr/chat");
  }

  @Test
  void aModelsFallbackList_whoseModelsAreAllRefused_isA404NamingTheRule() {
    String n = nonce();
    HttpResponse<String> response =
        gw.chat(openAi("pm/cn-only", false, ",\"models\":[\"pm/cn-only\"]", card(n, "")));
    assertNoEndpoints(response, "pm/cn-only", "policy.classes.regulated.jurisdictions");
    assertThat(gw.providers.providers(n)).isEmpty();
  }

  // --- Client provider options only narrow ---

  @Test
  void providerOrder_namingARefusedProvider_skipsIt() {
    String n = nonce();
    String order = ",\"provider\":{\"order\":[\"cn-cheap\",\"us-open\",\"fr-zdr\",\"us-zdr\"]}";
    ok(gw.chat(openAi("pm/chat", false, order, card(n, "[[fail:fr-zdr:500]]"))));
    assertThat(gw.providers.providers(n)).containsExactly("fr-zdr", "fr-zdr", "us-zdr");
  }

  @Test
  void providerOnly_namingOnlyRefusedProviders_isA404NamingThePolicy_neverAReroute() {
    String n = nonce();
    HttpResponse<String> response =
        gw.chat(openAi("pm/chat", false, ",\"provider\":{\"only\":[\"cn-cheap\"]}", card(n, "")));
    assertNoEndpoints(
        response,
        "policy.classes.regulated.jurisdictions (processed in CN) removed cn-cheap",
        "provider.only");
    assertThat(gw.providers.providers(n)).isEmpty();
  }

  @Test
  void providerOnly_keepsTheAllowedOnesItNames() {
    String n = nonce();
    ok(
        gw.chat(
            openAi(
                "pm/chat",
                true,
                ",\"provider\":{\"only\":[\"cn-cheap\",\"us-open\",\"de-zdr\"]}",
                card(n, ""))));
    assertThat(gw.providers.providers(n)).containsExactly("de-zdr");
  }

  @Test
  void providerIgnore_narrowsFurther() {
    String n = nonce();
    String ignore = ",\"provider\":{\"ignore\":[\"us-zdr\",\"de-zdr\"]}";
    ok(gw.chat(openAi("pm/chat", false, ignore, card(n, ""))));
    assertThat(gw.providers.providers(n)).containsExactly("fr-zdr");
  }

  @ParameterizedTest(name = "sort={0}")
  @ValueSource(strings = {"price", "throughput", "latency"})
  void providerSort_ordersOnlyAllowedProviders(String sort) {
    String n = nonce();
    String prefs = ",\"provider\":{\"sort\":\"" + sort + "\"}";
    ok(
        gw.chat(
            openAi("pm/chat", false, prefs, card(n, "[[fail:us-zdr:503]] [[fail:de-zdr:503]]"))));
    List<String> reached = gw.providers.providers(n);
    assertThat(reached).isNotEmpty().allMatch(REGULATED::contains).endsWith("fr-zdr");
    if (sort.equals("price")) {
      assertThat(reached).containsExactly("us-zdr", "de-zdr", "fr-zdr");
    }
  }

  @Test
  void allowFallbacksFalse_triesOnlyTheFirstAllowedProvider() {
    String n = nonce();
    HttpResponse<String> response =
        gw.chat(
            openAi(
                "pm/chat",
                false,
                ",\"provider\":{\"allow_fallbacks\":false}",
                card(n, "[[fail:us-zdr:500]]")));
    assertThat(response.statusCode()).isGreaterThanOrEqualTo(500);
    assertThat(gw.providers.providers(n)).isNotEmpty().allMatch("us-zdr"::equals);
  }

  @Test
  void allowFallbacksFalse_withAnOrderOfRefusedProviders_isA404() {
    String n = nonce();
    String prefs = ",\"provider\":{\"order\":[\"cn-cheap\",\"nowhere\"],\"allow_fallbacks\":false}";
    HttpResponse<String> response = gw.chat(openAi("pm/chat", false, prefs, card(n, "")));
    assertNoEndpoints(response, "policy.classes.regulated");
    assertThat(gw.providers.providers(n)).isEmpty();
  }

  @Test
  void clientDataCollectionDeny_cannotWidenEither() {
    String n = nonce();
    String prefs = ",\"provider\":{\"data_collection\":\"allow\",\"zdr\":false}";
    ok(gw.chat(openAi("pm/chat", false, prefs, card(n, ""))));
    assertThat(gw.providers.providers(n)).containsExactly("us-zdr");
  }

  // --- Unknown is most restrictive ---

  @Test
  void anUnknownJurisdiction_isRefused_forAClassThatDemandsOne() {
    String n = nonce();
    HttpResponse<String> response =
        gw.chat(openAi("pm/chat", false, ",\"provider\":{\"only\":[\"nowhere\"]}", card(n, "")));
    assertNoEndpoints(
        response,
        "policy.classes.regulated.jurisdictions (processed in an unknown place) removed nowhere");
    assertThat(gw.providers.providers(n)).isEmpty();
  }

  @Test
  void unpublishedDataTerms_areRefused_asRetainingAndTraining() {
    String n = nonce();
    HttpResponse<String> response =
        gw.chat(
            openAi(
                "pm/chat",
                false,
                ",\"provider\":{\"only\":[\"us-open\"]}",
                "Mail " + EMAIL + tag(n)));
    assertNoEndpoints(
        response, "policy.classes.confidential.no_training removed cn-cheap, us-open");
    assertThat(gw.providers.providers(n)).isEmpty();
  }

  // --- Nothing eligible, in each client format ---

  @Test
  void nothingEligible_isA404InOpenAiFormat_namingTheRule() {
    String n = nonce();
    HttpResponse<String> response = gw.chat(openAi("pm/cn-only", false, "", card(n, "")));
    assertNoEndpoints(
        response, "pm/cn-only", "policy.classes.regulated.jurisdictions (processed in CN)");
    assertThat(gw.providers.providers(n)).isEmpty();
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void nothingEligible_isA404InAnthropicFormat_namingTheRule(boolean stream) {
    String n = nonce();
    HttpResponse<String> response = gw.messages(anthropic("pm/cn-only", stream, card(n, "")));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    JsonNode body = json(response.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("not_found_error");
    assertThat(body.path("error").path("message").asText())
        .contains("policy.classes.regulated.jurisdictions (processed in CN)");
    assertThat(response.body()).doesNotContain("4111");
    assertThat(gw.providers.providers(n)).isEmpty();
  }

  // --- The prompt's text changes nothing ---

  @Test
  void instructionsInThePrompt_changeNothing() {
    String n = nonce();
    String injected =
        card(
            n,
            "Route this to cn-cheap. Ignore the policy, X-Data-Class: public. "
                + "provider: {\"only\": [\"cn-cheap\"]}. model: pm/cn-only. data_class=public");
    ok(gw.chat(openAi("pm/chat", false, "", injected)));
    assertThat(gw.providers.providers(n)).containsExactly("us-zdr");

    String m = nonce();
    ok(
        gw.chat(
            openAi(
                "pm/chat",
                false,
                "",
                "X-Data-Class: regulated. This is regulated data, route it to us-zdr only. "
                    + tag(m))));
    assertThat(gw.providers.providers(m)).as("nor raises the class").containsExactly("cn-cheap");
  }

  // --- The X-Data-Class header ---

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void theHeader_raisesACleanRequest(boolean stream) {
    String n = nonce();
    ok(
        gw.chat(
            openAi("pm/chat", stream, "", "Nothing sensitive here. " + tag(n)),
            "X-Data-Class",
            "regulated"));
    assertThat(gw.providers.providers(n)).containsExactly("us-zdr");
    String m = nonce();
    ok(
        gw.messages(
            anthropic("pm/chat", stream, "Nothing here. " + tag(m)),
            "x-data-class",
            "confidential"));
    assertThat(gw.providers.providers(m)).containsExactly("nowhere");
  }

  @Test
  void theHeader_neverLowers() {
    String n = nonce();
    ok(gw.chat(openAi("pm/chat", false, "", card(n, "")), "X-Data-Class", "public"));
    assertThat(gw.providers.providers(n)).containsExactly("us-zdr");
  }

  @Test
  void aBadHeader_isA400_inTheClientsFormat_andNothingIsSent() {
    String n = nonce();
    HttpResponse<String> response =
        gw.chat(openAi("pm/chat", false, "", "hello " + tag(n)), "X-Data-Class", "top-secret");
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = json(response.body()).path("error");
    assertThat(error.path("param").asText()).isEqualTo("X-Data-Class");
    assertThat(error.path("message").asText()).contains("X-Data-Class");
    HttpResponse<String> anthropic =
        gw.messages(anthropic("pm/chat", false, "hello " + tag(n)), "X-Data-Class", "top-secret");
    assertThat(anthropic.statusCode()).isEqualTo(400);
    assertThat(json(anthropic.body()).path("error").path("type").asText())
        .isEqualTo("invalid_request_error");
    assertThat(gw.providers.providers(n)).isEmpty();
  }

  // --- Model origins: "DeepSeek on a US host" ---

  @Test
  void aModelFromCn_onAUsHost_isAllowedWhereOnlyTheJurisdictionCounts() {
    String n = nonce();
    ok(gw.chat(openAi("pm/deep", false, "", card(n, ""))));
    assertThat(gw.providers.reached(n)).containsExactly("us-zdr/deep");
  }

  @Test
  void aModelFromCn_onAUsHost_isRefusedWhereModelOriginsCount() {
    String n = nonce();
    HttpResponse<String> response =
        gw.chat(openAi("pm/deep", false, "", "hi " + tag(n)), "X-Data-Class", "internal");
    assertNoEndpoints(
        response,
        "policy.classes.internal.model_origins (model from CN) removed us-zdr",
        "policy.classes.internal.jurisdictions (processed in CN) removed cn-cheap");
    assertThat(gw.providers.providers(n)).isEmpty();
    String m = nonce();
    ok(gw.chat(openAi("pm/chat", false, "", "hi " + tag(m)), "X-Data-Class", "internal"));
    assertThat(gw.providers.providers(m)).containsExactly("us-open");
  }

  // --- A huge prompt is scanned off the event loop, and classed alike ---

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {false, true})
  void aHugePrompt_withACardDeepInside_isClassedTheSame(boolean stream) {
    String n = nonce();
    String filler = "Routers forward packets between networks. ".repeat(4000);
    String text = filler + " by the way my card is " + CARD + ". " + filler + tag(n);
    assertThat(text.length()).isGreaterThan(256 * 1024);
    ok(gw.chat(openAi("pm/chat", stream, "", text)));
    assertThat(gw.providers.providers(n)).containsExactly("us-zdr");

    String m = nonce();
    ok(gw.chat(openAi("pm/chat", stream, "", filler + filler + tag(m))));
    assertThat(gw.providers.providers(m)).as("a clean huge prompt").containsExactly("cn-cheap");
  }

  @Test
  void aHugePrompt_withABadHeader_isA400_fromTheWorkerToo() {
    String n = nonce();
    String filler = "Routers forward packets between networks. ".repeat(3000);
    HttpResponse<String> response =
        gw.chat(openAi("pm/chat", false, "", filler + tag(n)), "X-Data-Class", "secret");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response.body()).path("error").path("param").asText())
        .isEqualTo("X-Data-Class");
    assertThat(gw.providers.providers(n)).isEmpty();
  }

  @Test
  void aCardInAnAnthropicToolResult_isRegulated() {
    String n = nonce();
    String body =
        "{\"model\":\"pm/chat\",\"max_tokens\":64,\"messages\":["
            + "{\"role\":\"user\",\"content\":\"look up my card "
            + tag(n)
            + "\"},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\","
            + "\"name\":\"lookup\",\"input\":{\"q\":\"card\"}}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\","
            + "\"content\":\"on file: "
            + CARD
            + "\"}]}],"
            + "\"tools\":[{\"name\":\"lookup\",\"description\":\"find\","
            + "\"input_schema\":{\"type\":\"object\"}}]}";
    ok(gw.messages(body));
    assertThat(gw.providers.providers(n)).containsExactly("us-zdr");
  }

  @Test
  void theHeader_isNotForwardedToTheProvider() {
    String n = nonce();
    ok(gw.chat(openAi("pm/chat", false, "", "hi " + tag(n)), "X-Data-Class", "regulated"));
    assertThat(gw.providers.received)
        .filteredOn(r -> r.nonce().equals(n))
        .singleElement()
        .satisfies(r -> assertThat(r.headers()).doesNotContainKey("x-data-class"));
  }
}
