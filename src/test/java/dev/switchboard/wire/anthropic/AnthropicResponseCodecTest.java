package dev.switchboard.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.FinishReason;
import dev.switchboard.wire.Fixtures;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.Usage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnthropicResponseCodecTest {
  private final AnthropicFormat format = new AnthropicFormat();

  @Test
  void decodesTheRecordedAnswers() throws Exception {
    ChatResponse text = decode("text");
    assertThat(text.id()).isEqualTo("msg_01M2g6FdZiQF1LfpcoafhJDV");
    assertThat(text.model()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(text.content()).containsExactly(Part.Text.of("Hello! 👋 How can I help you today?"));
    assertThat(text.finish()).isEqualTo(Finish.of(FinishReason.STOP, "end_turn"));
    assertThat(text.usage()).contains(Usage.reported(10, 16, 0, 0));

    assertThat(decode("tools").content())
        .containsExactly(
            new Part.ToolUse(
                "toolu_01MLUQ3TDxpqTKqr9TgL54AM",
                "get_weather",
                "{\"location\":\"Paris, France\"}"));
    assertThat(decode("tools").finish().reason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(decode("max-tokens").finish())
        .isEqualTo(Finish.of(FinishReason.LENGTH, "max_tokens"));
    assertThat(decode("image").usage()).contains(Usage.reported(296, 91, 0, 0));
    assertThat(decode("document").content()).hasSize(1);
  }

  @Test
  void decodesCacheReadsAndWrites_promptIncludingBoth() throws Exception {
    ChatResponse turn = decode("tool-result-turn");
    assertThat(turn.usage())
        .contains(Usage.reported(6 + 4866 + 101, 74, 4866, 0).withCacheWrites(101, 0));
    assertThat(turn.content()).hasSize(2);
    assertThat(decode("cache-usage").usage().orElseThrow().cachedPromptTokens()).isEqualTo(1111);
  }

  @Test
  void aRefusalIsContentFilter_withNoContent() throws Exception {
    ChatResponse refusal = decode("refusal");
    assertThat(refusal.content()).isEmpty();
    assertThat(refusal.finish()).isEqualTo(Finish.of(FinishReason.CONTENT_FILTER, "refusal"));
  }

  @Test
  void anUnknownStopReasonIsOther_andGoesBackAsItsOwnWord_neverEndTurn() throws Exception {
    ChatResponse odd =
        format.decodeResponse(
            "{\"type\":\"message\",\"id\":\"m\",\"model\":\"c\",\"content\":[],\"stop_reason\":\"brand_new_reason\"}"
                .getBytes());
    assertThat(odd.finish()).isEqualTo(Finish.of(FinishReason.OTHER, "brand_new_reason"));
    JsonNode encoded = Json.tree(format.encodeResponse(odd));
    assertThat(encoded.path("stop_reason").asText()).isEqualTo("brand_new_reason");
    ChatResponse fromOpenAi =
        new ChatResponse(
            "x", "m", 0, List.of(), Finish.of(FinishReason.OTHER, ""), Optional.empty());
    assertThat(Json.tree(format.encodeResponse(fromOpenAi)).path("stop_reason").asText())
        .isNotEqualTo("end_turn");
  }

  @Test
  void encodesANativeLookingMessage() throws Exception {
    Usage usage =
        Usage.reported(1000, 300, 600, 0)
            .withCacheWrites(100, 50)
            .withCost(new BigDecimal("0.0123"));
    ChatResponse response =
        new ChatResponse(
            "msg_1",
            "claude-x",
            0,
            List.of(
                new Part.Thinking("think", "sig"),
                Part.Text.of("hi"),
                new Part.ToolUse("t1", "f", "{\"a\":1}")),
            new Finish(FinishReason.STOP_SEQUENCE, "stop", Optional.of("END")),
            Optional.of(usage));
    JsonNode json = Json.tree(format.encodeResponse(response));
    assertThat(json.path("type").asText()).isEqualTo("message");
    assertThat(json.path("role").asText()).isEqualTo("assistant");
    assertThat(json.path("stop_reason").asText()).isEqualTo("stop_sequence");
    assertThat(json.path("stop_sequence").asText()).isEqualTo("END");
    assertThat(json.at("/content/0/signature").asText()).isEqualTo("sig");
    assertThat(json.at("/content/2/input/a").asInt()).isEqualTo(1);
    JsonNode u = json.path("usage");
    assertThat(u.path("input_tokens").asLong()).isEqualTo(250);
    assertThat(u.path("cache_read_input_tokens").asLong()).isEqualTo(600);
    assertThat(u.path("cache_creation_input_tokens").asLong()).isEqualTo(150);
    assertThat(u.at("/cache_creation/ephemeral_5m_input_tokens").asLong()).isEqualTo(100);
    assertThat(u.at("/cache_creation/ephemeral_1h_input_tokens").asLong()).isEqualTo(50);
    assertThat(u.path("output_tokens").asLong()).isEqualTo(300);
    assertThat(u.path("cost").decimalValue()).isEqualByComparingTo("0.0123");
    // And it reads back as what it was.
    assertThat(format.decodeResponse(format.encodeResponse(response)).usage())
        .contains(Usage.reported(1000, 300, 600, 0).withCacheWrites(100, 50));
  }

  private ChatResponse decode(String scenario) throws Exception {
    return format.decodeResponse(Fixtures.bytes("anthropic", scenario, "upstream-response.json"));
  }
}
