package dev.switchboard.wire.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import dev.switchboard.wire.Fixtures;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeminiResponseCodecTest {
  private final GeminiFormat gemini = new GeminiFormat();

  private ChatResponse decode(String scenario) throws WireException {
    return gemini.decodeResponse(Fixtures.bytes("gemini", scenario, "upstream-response.json"));
  }

  @Test
  void decodesARecordedText() throws Exception {
    ChatResponse response = decode("text");
    assertThat(response.id()).isEqualTo("-zngaJyXHPuo1MkPs5enyAs");
    assertThat(response.model()).isEqualTo("gemini-2.5-flash");
    assertThat(response.content())
        .containsExactly(Part.Text.of("Hello there! How can I help you today?"));
    assertThat(response.finish()).isEqualTo(Finish.of(FinishReason.STOP, "STOP"));
    assertThat(response.usage()).contains(Usage.reported(4, 10, 0, 0));
  }

  @Test
  void aFunctionCallWithoutIdGetsAStableOne_andStopMeansToolCalls() throws Exception {
    ChatResponse response = decode("tools");
    assertThat(response.content())
        .containsExactly(
            new Part.ToolUse(
                "call_-DngaLfBG8Wk1MkPmN_lyQE_0",
                "get_weather",
                "{\"location\":\"Paris, France\"}"));
    assertThat(response.finish().reason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(decode("tools").content()).isEqualTo(response.content());
  }

  @Test
  void aSignatureOnAnswerTextIsAReasoningBlockBeforeIt() throws Exception {
    ChatResponse response = decode("tool-error-result");
    assertThat(response.content()).hasSize(2);
    assertThat(response.content().get(0))
        .isInstanceOfSatisfying(
            Part.Thinking.class,
            thinking -> {
              assertThat(thinking.text()).isEmpty();
              assertThat(thinking.signature()).startsWith("CukDAb4+9vtdOmXU4b3aEp");
            });
    assertThat(response.content().get(1)).isInstanceOf(Part.Text.class);
    assertThat(response.usage()).contains(Usage.reported(66, 46 + 99, 0, 99));
  }

  @Test
  void cachedTokensAreAPartOfThePrompt() throws Exception {
    assertThat(decode("cache-usage").usage()).contains(Usage.reported(19588, 69, 18403, 0));
  }

  @Test
  void lengthSafetyAndThinkingOnlyAnswers() throws Exception {
    assertThat(decode("max-tokens").finish())
        .isEqualTo(Finish.of(FinishReason.LENGTH, "MAX_TOKENS"));
    ChatResponse refusal = decode("refusal");
    assertThat(refusal.content()).isEmpty();
    assertThat(refusal.finish()).isEqualTo(Finish.of(FinishReason.CONTENT_FILTER, "SAFETY"));
    ChatResponse thinkingOnly = decode("max-tokens-thinking-only");
    assertThat(thinkingOnly.content()).isEmpty();
    assertThat(thinkingOnly.finish().reason()).isEqualTo(FinishReason.LENGTH);
    // All 49 output tokens were thinking: billed as completion, none as answer.
    assertThat(thinkingOnly.usage()).contains(Usage.reported(7, 49, 0, 49));
  }

  @Test
  void aStreamedJsonArrayReadsAsOneAnswer() throws Exception {
    ChatResponse response = decode("text-stream-json-array");
    assertThat(response.content()).hasSize(1);
    assertThat(((Part.Text) response.content().getFirst()).text())
        .startsWith("To calculate 15 multiplied by 3");
    assertThat(response.finish().reason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void aResponseWithoutCandidateOrFinishIsRefused() {
    assertThatThrownBy(() -> gemini.decodeResponse("{\"usageMetadata\":{}}".getBytes()))
        .isInstanceOf(WireException.class)
        .hasMessageContaining("finishReason");
  }

  @Test
  void encodesAnAnswerInGeminiTerms_thoughtsSeparateFromTheAnswer() throws Exception {
    Usage usage = Usage.reported(1000, 300, 400, 200).withCost(new BigDecimal("0.0012"));
    ChatResponse response =
        new ChatResponse(
            "gen-1",
            "google/gemini-2.5-flash",
            0,
            List.of(
                new Part.Thinking("think", "c2ln"),
                Part.Text.of("Hi"),
                new Part.ToolUse("call_1", "f", "{\"a\":1}")),
            Finish.of(FinishReason.TOOL_CALLS, "tool_use"),
            Optional.of(usage));
    JsonNode root = Json.tree(gemini.encodeResponse(response));
    JsonNode candidate = root.path("candidates").get(0);
    assertThat(candidate.path("finishReason").asText()).isEqualTo("STOP");
    assertThat(candidate.path("content").path("role").asText()).isEqualTo("model");
    JsonNode parts = candidate.path("content").path("parts");
    assertThat(parts.get(0).toString()).isEqualTo("{\"text\":\"think\",\"thought\":true}");
    assertThat(parts.get(1).toString())
        .isEqualTo("{\"text\":\"Hi\",\"thoughtSignature\":\"c2ln\"}");
    assertThat(parts.get(2).path("functionCall").toString())
        .isEqualTo("{\"id\":\"call_1\",\"name\":\"f\",\"args\":{\"a\":1}}");
    JsonNode metadata = root.path("usageMetadata");
    assertThat(metadata.path("promptTokenCount").asLong()).isEqualTo(1000);
    assertThat(metadata.path("candidatesTokenCount").asLong()).isEqualTo(100);
    assertThat(metadata.path("thoughtsTokenCount").asLong()).isEqualTo(200);
    assertThat(metadata.path("cachedContentTokenCount").asLong()).isEqualTo(400);
    assertThat(metadata.path("totalTokenCount").asLong()).isEqualTo(1300);
    assertThat(root.path("modelVersion").asText()).isEqualTo("google/gemini-2.5-flash");
    assertThat(root.path("responseId").asText()).isEqualTo("gen-1");
    // And read back, the same answer.
    ChatResponse back = gemini.decodeResponse(gemini.encodeResponse(response));
    assertThat(back.content()).isEqualTo(response.content());
    assertThat(back.usage()).contains(Usage.reported(1000, 300, 400, 200));
  }

  @Test
  void anUnknownFinishIsWrittenAsItsRawWord_neverStop() throws Exception {
    for (Finish finish :
        List.of(
            Finish.of(FinishReason.OTHER, "insufficient_system_resource"),
            Finish.of(FinishReason.PAUSE, "pause_turn"),
            Finish.of(FinishReason.OTHER, ""))) {
      String written = GeminiFinishReasons.encode(finish);
      assertThat(written).isNotEqualTo("STOP");
      assertThat(written).isEqualTo(finish.raw().isEmpty() ? "OTHER" : finish.raw());
    }
    assertThat(GeminiFinishReasons.encode(Finish.of(FinishReason.CONTENT_FILTER, "refusal")))
        .isEqualTo("SAFETY");
    assertThat(GeminiFinishReasons.encode(Finish.of(FinishReason.LENGTH, "length")))
        .isEqualTo("MAX_TOKENS");
  }
}
