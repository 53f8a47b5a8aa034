package dev.switchboard.policy.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.UpstreamCall;
import dev.switchboard.wire.UpstreamTarget;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redaction on recorded-style bodies: the client's body changes only in the string values that held
 * findings, and no upstream body, of any format, carries an original value.
 */
class RedactedBodyTest {
  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void bodyDiffersOnlyInStringsThatHeldFindings(String format) {
    ChatRequest request = Requests.parse(format, Requests.fixture(format + "-request.json"));
    Redaction redaction = Requests.redact(request);
    Collection<String> values = redaction.restorer().originals().values();
    assertThat(values).hasSizeGreaterThanOrEqualTo(6);
    List<String> changed = new ArrayList<>();
    compare(request.source().body(), redaction.request().source().body(), "", values, changed);
    assertThat(changed).isNotEmpty();
    // The client's body itself is untouched (the redacted body is a copy).
    assertThat(Json.bytes(request.source().body()))
        .isEqualTo(Requests.fixtureTree(format + "-request.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void keepsThinkingSignaturesToolsAndUnknownFieldsByteIdentical(String format) {
    ChatRequest request = Requests.parse(format, Requests.fixture(format + "-request.json"));
    ObjectNode before = request.source().body();
    ObjectNode after = Requests.redact(request).request().source().body();
    List<String> kept =
        format.equals("anthropic")
            ? List.of(
                "/tools",
                "/context_management",
                "/metadata",
                "/thinking",
                "/system/0/cache_control",
                "/messages/1/content/0",
                "/messages/1/content/1",
                "/messages/1/content/3/cache_control",
                "/messages/2/content/0/content/1",
                "/messages/2/content/0/cache_control",
                "/messages/2/content/2/x_future_field")
            : List.of(
                "/tools",
                "/x_vendor_extension",
                "/metadata",
                "/stream_options",
                "/messages/1",
                "/messages/2/content/1",
                "/messages/3/reasoning_content",
                "/messages/3/tool_calls/0/id",
                "/messages/5/name");
    for (String pointer : kept) {
      assertThat(before.at(pointer).isMissingNode()).as(pointer).isFalse();
      assertThat(Json.string(after.at(pointer)))
          .as(pointer)
          .isEqualTo(Json.string(before.at(pointer)));
    }
    assertThat(Json.string(after).length()).isLessThan(Json.string(before).length());
    // A value in a tool definition stays: tool schemas are never rewritten.
    assertThat(Json.string(after.get("tools")))
        .containsAnyOf("jane.roe@example.org", "billing@acme-corp.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void rewritesEachTextFieldOfTheFormat(String format) throws WireException {
    ChatRequest request = Requests.parse(format, Requests.fixture(format + "-request.json"));
    ObjectNode after = Requests.redact(request).request().source().body();
    if (format.equals("anthropic")) {
      assertThat(after.at("/system/0/text").asText()).endsWith("go to <EMAIL_1>.");
      assertThat(after.at("/messages/0/content").asText())
          .isEqualTo(
              "Hi, I'm Jane Roe (<EMAIL_2>, <PHONE_1>). My card <CREDIT_CARD_1> was charged"
                  + " twice.");
      assertThat(Json.string(after.at("/messages/1/content/3/input")))
          .isEqualTo(
              "{\"email\":\"<EMAIL_2>\",\"card\":\"<CREDIT_CARD_1>\",\"filters\":{\"ips\":"
                  + "[\"<IP_ADDRESS_1>\"],\"note\":\"say \\\"hi\\\"\\nthen stop\",\"limit\":5,"
                  + "\"ratio\":1.50}}");
      assertThat(after.at("/messages/2/content/0/content/0/text").asText())
          .isEqualTo("customer_7f9c2a, IBAN <IBAN_1>, SSN <US_SSN_1>");
      assertThat(after.at("/messages/2/content/1/content").asText())
          .isEqualTo("last login from <IP_ADDRESS_1>");
      assertThat(after.at("/messages/2/content/2/text").asText()).contains("<SECRET_1>");
    } else {
      assertThat(after.at("/messages/0/content").asText()).endsWith("Escalate to <EMAIL_1>.");
      assertThat(after.at("/messages/2/content/0/text").asText())
          .isEqualTo("My email is <EMAIL_2> and my phone <PHONE_1>.");
      JsonNode arguments =
          Json.tree(after.at("/messages/3/tool_calls/0/function/arguments").asText());
      assertThat(arguments.get("email").asText()).isEqualTo("<EMAIL_2>");
      assertThat(arguments.get("key").asText()).isEqualTo("<SECRET_1>");
      assertThat(arguments.get("note").asText()).isEqualTo("say \"hi\"");
      assertThat(Json.tree(after.at("/messages/4/content").asText()).toString())
          .isEqualTo(
              "{\"customer\":\"c_7f9c2a\",\"card\":\"<CREDIT_CARD_1>\","
                  + "\"last_ip\":\"<IP_ADDRESS_1>\"}");
      assertThat(after.at("/messages/5/content").asText())
          .isEqualTo("Thanks. Send the receipt to <EMAIL_2>, card ending 1111.");
    }
  }

  @org.junit.jupiter.api.Test
  void rewritesAGeminiClientsTextArgsAndResponses_butNotItsThoughts() {
    ChatRequest request =
        Requests.parse(
            "gemini",
            """
            {"systemInstruction":{"parts":[{"text":"Reply to ops@acme-corp.com"}]},
             "contents":[
              {"role":"user","parts":[{"text":"I am bob@example.com"}]},
              {"role":"model","parts":[
                {"thought":true,"text":"bob@example.com asked","thoughtSignature":"c2ln"},
                {"functionCall":{"name":"lookup","args":{"email":"bob@example.com","n":3}}}]},
              {"role":"user","parts":[{"function_response":{"name":"lookup",
                "response":{"result":"found bob@example.com at 10.1.2.3"}}}]}],
             "generationConfig":{"temperature":0.1}}
            """);
    ObjectNode before = request.source().body();
    ObjectNode after = Requests.redact(request).request().source().body();
    assertThat(after.at("/systemInstruction/parts/0/text").asText())
        .isEqualTo("Reply to <EMAIL_1>");
    assertThat(after.at("/contents/0/parts/0/text").asText()).isEqualTo("I am <EMAIL_2>");
    assertThat(after.at("/contents/1/parts/0")).isEqualTo(before.at("/contents/1/parts/0"));
    assertThat(Json.string(after.at("/contents/1/parts/1")))
        .isEqualTo(
            "{\"functionCall\":{\"name\":\"lookup\",\"args\":{\"email\":\"<EMAIL_2>\",\"n\":3}}}");
    assertThat(after.at("/contents/2/parts/0/function_response/response/result").asText())
        .isEqualTo("found <EMAIL_2> at <IP_ADDRESS_1>");
    assertThat(after.get("generationConfig")).isEqualTo(before.get("generationConfig"));
  }

  static Stream<Arguments> ingressAndUpstream() {
    List<Arguments> pairs = new ArrayList<>();
    for (String ingress : List.of("openai", "anthropic")) {
      for (WireFormat upstream : WireFormats.all()) {
        pairs.add(Arguments.of(ingress, upstream.name()));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} client to {1} upstream")
  @MethodSource("ingressAndUpstream")
  void noOriginalValueReachesAnUpstream(String ingress, String upstream) throws WireException {
    ChatRequest request = Requests.parse(ingress, Requests.fixture(ingress + "-request.json"));
    Redaction redaction = Requests.redact(request);
    WireFormat format = WireFormats.find(upstream).orElseThrow();
    // As the gateway's Attempts.begin builds each attempt's body.
    UpstreamCall call = format.encodeRequest(redaction.request(), new UpstreamTarget("up-model"));
    String sent = new String(call.body(), StandardCharsets.UTF_8);
    JsonNode checked = withoutThinking(Json.tree(call.body()));
    // Tool definitions are never rewritten (they must stay byte-identical): not checked here.
    removeTools(checked);
    String withoutThinking = Json.string(checked);
    for (String value : redaction.restorer().originals().values()) {
      assertThat(withoutThinking).doesNotContain(value).doesNotContain(JsonText.escape(value));
    }
    assertThat(sent).contains("<EMAIL_2>", "<CREDIT_CARD_1>", "<SECRET_1>");
    // The same request unredacted does carry them: the check can fail.
    String plain =
        new String(
            format.encodeRequest(request, new UpstreamTarget("up-model")).body(),
            StandardCharsets.UTF_8);
    assertThat(plain).contains("jane.roe@example.org");
  }

  private static void removeTools(JsonNode body) {
    ((ObjectNode) body).remove(List.of("tools", "tool_config", "toolConfig"));
  }

  @ParameterizedTest(name = "{0} client to {1} upstream")
  @MethodSource("ingressAndUpstream")
  void upstreamBodyDiffersOnlyInStringsThatHeldFindings(String ingress, String upstream)
      throws WireException {
    ChatRequest request = Requests.parse(ingress, Requests.fixture(ingress + "-request.json"));
    Redaction redaction = Requests.redact(request);
    WireFormat format = WireFormats.find(upstream).orElseThrow();
    UpstreamCall plain = format.encodeRequest(request, new UpstreamTarget("up-model"));
    UpstreamCall redacted =
        format.encodeRequest(redaction.request(), new UpstreamTarget("up-model"));
    List<String> changed = new ArrayList<>();
    compare(
        Json.tree(plain.body()),
        Json.tree(redacted.body()),
        "",
        redaction.restorer().originals().values(),
        changed);
    assertThat(changed).hasSizeGreaterThanOrEqualTo(5);
    assertThat(redacted.headers()).isEqualTo(plain.headers());
    assertThat(redacted.path()).isEqualTo(plain.path());
    assertThat(redacted.dropped()).isEqualTo(plain.dropped());
  }

  /** The upstream body without reasoning text, which is never rewritten (it is signed). */
  private static JsonNode withoutThinking(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if ("thinking".equals(object.path("type").asText())) {
        object.remove("thinking");
      }
      if (object.path("thought").asBoolean(false)) {
        object.remove("text");
      }
      if ("reasoning".equals(object.path("type").asText())) {
        // A Responses reasoning item: its summary is the signed thinking text.
        object.remove("summary");
      }
      object.remove(List.of("reasoning_content", "reasoning"));
    }
    node.forEach(RedactedBodyTest::withoutThinking);
    return node;
  }

  /** Same shape, names, order and non-string values; a changed string held a redacted value. */
  private static void compare(
      JsonNode before, JsonNode after, String path, Collection<String> values, List<String> out) {
    assertThat(after.getNodeType()).as(path).isEqualTo(before.getNodeType());
    if (before.isTextual()) {
      String was = before.asText();
      String now = after.asText();
      if (!was.equals(now)) {
        assertThat(
                values.stream()
                    .anyMatch(value -> was.contains(value) || was.contains(JsonText.escape(value))))
            .as("%s changed but held no finding", path)
            .isTrue();
        assertThat(now).as(path).contains("<");
        out.add(path);
      }
      return;
    }
    if (!before.isContainerNode()) {
      assertThat(Json.string(after)).as(path).isEqualTo(Json.string(before));
      return;
    }
    assertThat(after.size()).as(path).isEqualTo(before.size());
    if (before.isObject()) {
      Iterator<String> names = before.fieldNames();
      Iterator<String> afterNames = after.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        assertThat(afterNames.next()).as(path).isEqualTo(name);
        compare(before.get(name), after.get(name), path + "/" + name, values, out);
      }
    } else {
      for (int i = 0; i < before.size(); i++) {
        compare(before.get(i), after.get(i), path + "/" + i, values, out);
      }
    }
  }
}
