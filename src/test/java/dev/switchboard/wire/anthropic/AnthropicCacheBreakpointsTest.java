package dev.switchboard.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.UpstreamTarget;
import dev.switchboard.wire.openai.OpenAiFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicCacheBreakpointsTest {
  private static final String AGENT_TURN =
      """
      {"model":"m","messages":[
        {"role":"system","content":"You are an agent."},
        {"role":"user","content":"Fix the bug"},
        {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"read","arguments":"{}"}}]},
        {"role":"tool","tool_call_id":"c1","content":"file text"},
        {"role":"assistant","content":"Found it."},
        {"role":"user","content":"Go on"}],
       "tools":[{"type":"function","function":{"name":"read"}},{"type":"function","function":{"name":"write"}}]}""";

  @Test
  void marksTheLastTool_theLastSystemBlock_andTheUserTurnBeforeTheNewest() throws Exception {
    JsonNode body = encode(AGENT_TURN, true);
    assertThat(marked(body)).containsExactly("/tools/1", "/system/0", "/messages/2/content/0");
    assertThat(body.at("/tools/1/cache_control")).isEqualTo(Json.tree("{\"type\":\"ephemeral\"}"));
    assertThat(body.at("/messages/2/content/0/type").asText()).isEqualTo("tool_result");
  }

  @Test
  void aFirstTurnHasNoEarlierUserTurnToMark() throws Exception {
    JsonNode body =
        encode(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"hi\"}]}",
            true);
    assertThat(marked(body)).containsExactly("/system/0");
  }

  @Test
  void switchedOff_placesNone() throws Exception {
    assertThat(marked(encode(AGENT_TURN, false))).isEmpty();
  }

  @Test
  void aClientsOwnHintsAreHonouredAsTheyAre_withTheirTtl() throws Exception {
    String hinted =
        """
        {"model":"m","messages":[
          {"role":"system","content":[{"type":"text","text":"s","cache_control":{"type":"ephemeral","ttl":"1h"}}]},
          {"role":"user","content":"a"},{"role":"assistant","content":"b"},{"role":"user","content":"c"}]}""";
    JsonNode body = encode(hinted, true);
    assertThat(marked(body)).containsExactly("/system/0");
    assertThat(body.at("/system/0/cache_control"))
        .isEqualTo(Json.tree("{\"type\":\"ephemeral\",\"ttl\":\"1h\"}"));
  }

  /** The JSON pointers of every block that carries cache_control, tools then system then turns. */
  private static List<String> marked(JsonNode body) {
    List<String> out = new ArrayList<>();
    for (String section : List.of("tools", "system")) {
      for (int i = 0; i < body.path(section).size(); i++) {
        if (body.path(section).get(i).has("cache_control")) {
          out.add("/" + section + "/" + i);
        }
      }
    }
    JsonNode messages = body.path("messages");
    for (int m = 0; m < messages.size(); m++) {
      JsonNode content = messages.get(m).path("content");
      for (int b = 0; b < content.size(); b++) {
        if (content.get(b).has("cache_control")) {
          out.add("/messages/" + m + "/content/" + b);
        }
      }
    }
    return out;
  }

  private static JsonNode encode(String openAiJson, boolean cacheBreakpoints) throws Exception {
    ChatRequest request =
        new OpenAiFormat()
            .parseRequest(IngressRequest.of(openAiJson.getBytes(StandardCharsets.UTF_8)));
    return Json.tree(
        new AnthropicFormat()
            .encodeRequest(request, new UpstreamTarget("c", cacheBreakpoints))
            .body());
  }
}
