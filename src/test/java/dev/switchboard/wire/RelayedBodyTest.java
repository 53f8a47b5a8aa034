package dev.switchboard.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.openai.OpenAiFormat;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A provider's non-streamed answer relayed to a client of its format: its bytes, but for the
 * members the gateway settles (the catalog model, the usage, the provider's name), which say what
 * writing the settled tree out would say.
 */
class RelayedBodyTest {
  // What a format's settler writes: the model (Gemini's modelVersion), the usage, the provider.
  private static final Set<String> SETTLED_MEMBERS =
      Set.of("model", "modelVersion", "usage", "usageMetadata", "provider");
  private static final Usage SETTLED =
      Usage.reported(213, 64, 0, 0).withCost(new BigDecimal("0.000181"));

  // Pretty-printed, with a number and escapes that a tree written out again would not keep.
  private static final String OPENAI_ANSWER =
      """
      {
        "id" : "chatcmpl-1",
        "object": "chat.completion",
        "model": "gpt-4o-mini-2024-07-18",
        "choices": [ {"index": 0, "message": {"role": "assistant",
          "content": "caf\\u00e9 \\"quoted\\", a: {brace}"}, "finish_reason": "stop"} ],
        "usage": {"prompt_tokens": 213, "completion_tokens": 64, "total_tokens": 277,
          "prompt_tokens_details": {"cached_tokens": 0}},
        "temperature_used" : 0.50,
        "system_fingerprint": "fp_1"
      }
      """;

  @Test
  void theProvidersBytes_goOut_butForTheSettledMembers() throws Exception {
    String answer = answer(new OpenAiFormat(), OPENAI_ANSWER, "openai/gpt-4o-mini", "OpenAI");

    assertThat(answer)
        .startsWith("{\"id\" : \"chatcmpl-1\",\"object\": \"chat.completion\",\"model\":")
        .contains(
            "\"choices\": [ {\"index\": 0, \"message\": {\"role\": \"assistant\",\n"
                + "    \"content\": \"caf\\u00e9 \\\"quoted\\\", a: {brace}\"},"
                + " \"finish_reason\": \"stop\"} ],")
        .contains("\"temperature_used\" : 0.50,\"system_fingerprint\": \"fp_1\"")
        .endsWith(",\"provider\":\"OpenAI\"}");
    JsonNode tree = Json.tree(answer.getBytes(UTF_8));
    assertThat(tree.path("model").asText()).isEqualTo("openai/gpt-4o-mini");
    assertThat(tree.path("usage").path("cost").decimalValue()).isEqualByComparingTo("0.000181");
    assertThat(tree.path("usage").path("prompt_tokens_details").path("cached_tokens").asInt())
        .isZero();
  }

  @Test
  void everyFormatsRecordedAnswers_keepEveryMemberTheGatewayDoesNotSettle() throws Exception {
    int checked = 0;
    for (WireFormat format : WireFormats.all()) {
      for (String scenario : Fixtures.scenarios(format.name())) {
        if (Fixtures.has(format.name(), scenario, "upstream-response.json")) {
          byte[] body = Fixtures.bytes(format.name(), scenario, "upstream-response.json");
          JsonNode provider = Json.tree(body);
          if (!provider.isObject()) {
            continue; // Gemini's stream as one JSON array
          }
          JsonNode answer =
              Json.tree(
                  format.passthrough().readBody(body).answer(SETTLED, "cat/model", "Provider"));
          String where = format.name() + "/" + scenario;
          provider
              .properties()
              .forEach(
                  member -> {
                    if (!SETTLED_MEMBERS.contains(member.getKey())) {
                      assertThat(answer.get(member.getKey()))
                          .as(where)
                          .isEqualTo(member.getValue());
                    }
                  });
          assertThat(answer.path(answer.has("modelVersion") ? "modelVersion" : "model").asText())
              .as(where)
              .isEqualTo("cat/model");
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(10);
  }

  @Test
  void aNameTwiceInOneObject_goesOutOnce_asTheGatewayReadIt() throws Exception {
    String twice =
        "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
            + "\"assistant\",\"content\":\"first\",\"content\":\"read\"},\"finish_reason\":"
            + "\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}";
    OpenAiFormat format = new OpenAiFormat();

    String answer = answer(format, twice, "m/x", "P");

    assertThat(answer).contains("\"content\":\"read\"").doesNotContain("first");
    assertThat(Json.tree(answer.getBytes(UTF_8)).path("model").asText()).isEqualTo("m/x");
  }

  @Test
  void answeringTwice_givesTheSameBytes() throws Exception {
    Passthrough.UnaryBody body =
        new OpenAiFormat().passthrough().readBody(OPENAI_ANSWER.getBytes(UTF_8));

    assertThat(body.answer(SETTLED, "a/b", "P")).isEqualTo(body.answer(SETTLED, "a/b", "P"));
  }

  @Test
  void aSecondAnswer_carriesNothingOfTheFirst() throws Exception {
    Passthrough.UnaryBody body =
        new OpenAiFormat().passthrough().readBody(OPENAI_ANSWER.getBytes(UTF_8));
    body.answer(SETTLED, "a/b", "Named");

    JsonNode second = Json.tree(body.answer(Usage.reported(1, 2, 0, 0), "c/d"));

    assertThat(second.path("model").asText()).isEqualTo("c/d");
    assertThat(second.has("provider")).isFalse();
    assertThat(second.path("usage").path("completion_tokens").asInt()).isEqualTo(2);
  }

  private static String answer(WireFormat format, String body, String model, String provider)
      throws WireException {
    return new String(
        format.passthrough().readBody(body.getBytes(UTF_8)).answer(SETTLED, model, provider),
        UTF_8);
  }
}
