package dev.switchboard.wire.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Fixtures;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.UpstreamTarget;
import dev.switchboard.wire.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiPassthroughTest {
  private final GeminiFormat gemini = new GeminiFormat();

  @Test
  void aGeminiClientsBodyGoesUpstreamUnchanged() throws Exception {
    ChatRequest request = GeminiRequestParserTest.fixture("refusal");
    var call = gemini.encodeRequest(request, new UpstreamTarget("gemini-2.5-flash"));
    assertThat(call.path()).isEqualTo("/models/gemini-2.5-flash:generateContent");
    assertThat(Json.tree(call.body()))
        .isEqualTo(Json.tree(Fixtures.bytes("gemini", "refusal", "client-request.json")));
    assertThat(call.dropped()).isEmpty();
  }

  @Test
  void relaysChunksUnderTheCatalogModel_andSendsTheLastWithTheSettledUsage() throws Exception {
    ChatRequest request = GeminiRequestParserTest.fixture("thinking-stream");
    Passthrough.Stream relay = gemini.passthrough().open(request, "google/gemini-2.5-pro");
    List<SseEvent> relayed = new ArrayList<>();
    List<ChatEvent> tapped = new ArrayList<>();
    List<SseEvent> upstream = Fixtures.events("gemini", "thinking-stream");
    for (SseEvent event : upstream) {
      relay.decode(event, tapped::add);
      relay.relayed().ifPresent(relayed::add);
    }
    relay.finish(tapped::add);
    assertThat(relayed).hasSize(upstream.size() - 1);
    for (int i = 0; i < relayed.size(); i++) {
      JsonNode sent = Json.tree(relayed.get(i).data());
      JsonNode original = Json.tree(upstream.get(i).data());
      assertThat(sent.path("modelVersion").asText()).isEqualTo("google/gemini-2.5-pro");
      assertThat(sent.path("responseId").asText()).isEqualTo("2zR8aYTnEvahz7IPmq6EoQ0");
      assertThat(sent.path("candidates")).isEqualTo(original.path("candidates"));
      assertThat(sent.path("usageMetadata")).isEqualTo(original.path("usageMetadata"));
    }
    Usage settled = Usage.reported(34, 387 + 759, 0, 759).withCost(new BigDecimal("0.011"));
    List<SseEvent> closing = relay.closing(settled);
    assertThat(closing).hasSize(1);
    JsonNode last = Json.tree(closing.getFirst().data());
    assertThat(last.path("candidates").get(0).path("finishReason").asText()).isEqualTo("STOP");
    JsonNode usage = last.path("usageMetadata");
    assertThat(usage.path("candidatesTokenCount").asLong()).isEqualTo(387);
    assertThat(usage.path("thoughtsTokenCount").asLong()).isEqualTo(759);
    assertThat(usage.path("totalTokenCount").asLong()).isEqualTo(34 + 387 + 759);
    // The provider's other usage fields stay.
    assertThat(usage.path("promptTokensDetails").get(0).path("tokenCount").asLong()).isEqualTo(34);
    assertThat(last.path("modelVersion").asText()).isEqualTo("google/gemini-2.5-pro");
  }

  @Test
  void aUnaryAnswerNamesTheCatalogModelAndTheSettledUsage() throws Exception {
    Passthrough.UnaryBody body =
        gemini
            .passthrough()
            .readBody(Fixtures.bytes("gemini", "cache-usage", "upstream-response.json"));
    assertThat(body.response().usage()).contains(Usage.reported(19588, 69, 18403, 0));
    JsonNode answer =
        Json.tree(body.answer(Usage.reported(19588, 213, 18403, 144), "google/gemini-2.5-flash"));
    assertThat(answer.path("modelVersion").asText()).isEqualTo("google/gemini-2.5-flash");
    JsonNode usage = answer.path("usageMetadata");
    assertThat(usage.path("cachedContentTokenCount").asLong()).isEqualTo(18403);
    assertThat(usage.path("candidatesTokenCount").asLong()).isEqualTo(69);
    assertThat(usage.path("thoughtsTokenCount").asLong()).isEqualTo(144);
    assertThat(usage.path("totalTokenCount").asLong()).isEqualTo(19801);
    assertThat(usage.path("cacheTokensDetails").get(0).path("tokenCount").asLong())
        .isEqualTo(18403);
  }
}
