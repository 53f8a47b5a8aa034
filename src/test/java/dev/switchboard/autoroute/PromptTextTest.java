package dev.switchboard.autoroute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.openai.OpenAiFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PromptTextTest {
  @Test
  void readsTheLatestUserTextNotTheSystemPromptNorToolResults() throws WireException {
    ChatRequest request =
        parse(
            """
            {"model":"switchboard/auto","messages":[
              {"role":"system","content":"You are a coding agent."},
              {"role":"user","content":"Prove that there are infinitely many primes."},
              {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
                "function":{"name":"search","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"c1","content":"Euclid's proof ..."}]}
            """);
    assertThat(PromptText.promptText(request))
        .isEqualTo("Prove that there are infinitely many primes.");
  }

  @Test
  void aRequestWithoutUserTextScoresTheEmptyText() throws WireException {
    ChatRequest request =
        parse("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"hi\"}]}");
    assertThat(PromptText.promptText(request)).isEmpty();
  }

  @Test
  void aLongPromptKeepsItsHeadAndTail() {
    String text = "A".repeat(5000) + "the question?";
    String clipped = PromptText.clip(text);
    assertThat(clipped).hasSize(PromptText.HEAD + 2 + PromptText.TAIL).endsWith("the question?");
    assertThat(PromptText.clip("  short  ")).isEqualTo("short");
  }

  private static ChatRequest parse(String json) throws WireException {
    return new OpenAiFormat()
        .parseRequest(IngressRequest.of(json.getBytes(StandardCharsets.UTF_8)));
  }
}
