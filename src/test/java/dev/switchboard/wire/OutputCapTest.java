package dev.switchboard.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.gemini.GeminiFormat;
import dev.switchboard.wire.openai.OpenAiFormat;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A budget's output cap lowers each format's own token limit, never raises it. */
class OutputCapTest {
  private static final UpstreamTarget CAPPED = new UpstreamTarget("m").capped(300);

  @Test
  void openAi_lowersTheFieldTheClientUsed_orAddsMaxCompletionTokens() throws Exception {
    OpenAiFormat openAi = new OpenAiFormat();
    assertThat(openAi(openAi, "\"max_tokens\":1000,").path("max_tokens").asLong()).isEqualTo(300);
    JsonNode both = openAi(openAi, "\"max_tokens\":1000,\"max_completion_tokens\":2000,");
    assertThat(both.path("max_completion_tokens").asLong()).isEqualTo(300);
    assertThat(openAi(openAi, "").path("max_completion_tokens").asLong()).isEqualTo(300);
    assertThat(openAi(openAi, "\"max_tokens\":100,").path("max_tokens").asLong())
        .as("a lower limit of the client's stays")
        .isEqualTo(100);
  }

  @Test
  void openAi_withoutACap_leavesTheBodyAlone() throws Exception {
    ChatRequest request = parse(new OpenAiFormat(), "/v1/chat/completions", openAiBody(""));
    JsonNode body =
        Json.tree(new OpenAiFormat().encodeRequest(request, new UpstreamTarget("m")).body());
    assertThat(body.has("max_completion_tokens")).isFalse();
    assertThat(body.has("max_tokens")).isFalse();
  }

  @Test
  void anthropic_lowersMaxTokens_andAThinkingBudgetWithIt_orDropsThinkingWithNoRoomLeft()
      throws Exception {
    AnthropicFormat anthropic = new AnthropicFormat();
    String thinking =
        "{\"model\":\"c\",\"max_tokens\":8000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4000},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    ChatRequest request = parse(anthropic, "/v1/messages", thinking);
    JsonNode roomy =
        Json.tree(anthropic.encodeRequest(request, new UpstreamTarget("m").capped(2000)).body());
    assertThat(roomy.path("max_tokens").asLong()).isEqualTo(2000);
    assertThat(roomy.path("thinking").path("budget_tokens").asLong()).isEqualTo(1999);
    JsonNode tight = Json.tree(anthropic.encodeRequest(request, CAPPED).body());
    assertThat(tight.path("max_tokens").asLong()).isEqualTo(300);
    assertThat(tight.has("thinking")).isFalse();
    assertThat(request.source().body().path("max_tokens").asLong())
        .as("the client's body, which the next attempt starts from, is untouched")
        .isEqualTo(8000);
  }

  @Test
  void gemini_lowersMaxOutputTokens_underTheNameTheClientUsed() throws Exception {
    GeminiFormat gemini = new GeminiFormat();
    String snake =
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],"
            + "\"generation_config\":{\"max_output_tokens\":5000}}";
    ChatRequest request = parse(gemini, "/v1beta/models/gemini-2.5-flash:generateContent", snake);
    JsonNode body = Json.tree(gemini.encodeRequest(request, CAPPED).body());
    assertThat(body.path("generation_config").path("max_output_tokens").asLong()).isEqualTo(300);
    assertThat(body.has("generationConfig")).isFalse();
    assertThat(request.source().body().path("generation_config").path("max_output_tokens").asLong())
        .isEqualTo(5000);
  }

  private static JsonNode openAi(OpenAiFormat format, String fields) throws Exception {
    ChatRequest request = parse(format, "/v1/chat/completions", openAiBody(fields));
    return Json.tree(format.encodeRequest(request, CAPPED).body());
  }

  private static String openAiBody(String fields) {
    return "{" + fields + "\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private static ChatRequest parse(WireFormat format, String path, String body)
      throws WireException {
    return format.parseRequest(
        new IngressRequest(path, Map.of(), body.getBytes(StandardCharsets.UTF_8)));
  }
}
