package dev.switchboard.wire.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Fixtures;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.TestRequests;
import dev.switchboard.wire.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicPassthroughTest {
  private static final Usage SETTLED =
      Usage.reported(1000, 50, 600, 0).withCacheWrites(100, 0).withCost(new BigDecimal("0.004"));
  private final Passthrough passthrough = new AnthropicFormat().passthrough();

  @Test
  void relaysEveryEventVerbatim_butTheModelName_andHoldsTheEnd() throws Exception {
    List<SseEvent> upstream = Fixtures.events("anthropic", "thinking-stream");
    Passthrough.Stream stream =
        passthrough.open(TestRequests.users("anthropic", true, "q"), "cat/claude");
    List<SseEvent> relayed = new ArrayList<>();
    List<ChatEvent> tapped = new ArrayList<>();
    for (SseEvent event : upstream) {
      stream.decode(event, tapped::add);
      stream.relayed().ifPresent(relayed::add);
    }
    stream.finish(tapped::add);
    assertThat(tapped.getLast()).isInstanceOf(ChatEvent.Finished.class);
    // All but message_delta and message_stop, each as it came (pings and padding included).
    assertThat(relayed).hasSize(upstream.size() - 2);
    assertThat(relayed.subList(1, relayed.size()))
        .isEqualTo(upstream.subList(1, upstream.size() - 2));
    JsonNode start = Json.tree(relayed.getFirst().data());
    assertThat(start.at("/message/model").asText()).isEqualTo("cat/claude");
    assertThat(start.at("/message/id").asText()).isEqualTo("msg_01Aj4miT8KKuDVmPXywVUthp");
    // The signature passes byte for byte.
    assertThat(relayed.stream().map(SseEvent::data).filter(d -> d.contains("signature_delta")))
        .hasSize(1)
        .allMatch(d -> upstream.stream().anyMatch(u -> u.data().equals(d)));

    List<SseEvent> closing = stream.closing(SETTLED);
    assertThat(closing)
        .extracting(SseEvent::event)
        .containsExactly("message_delta", "message_stop");
    JsonNode delta = Json.tree(closing.getFirst().data());
    assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
    assertThat(delta.at("/usage/input_tokens").asLong()).isEqualTo(300);
    assertThat(delta.at("/usage/cache_read_input_tokens").asLong()).isEqualTo(600);
    assertThat(delta.at("/usage/cache_creation_input_tokens").asLong()).isEqualTo(100);
    assertThat(delta.at("/usage/output_tokens").asLong()).isEqualTo(50);
    assertThat(delta.at("/usage/cost").decimalValue()).isEqualByComparingTo("0.004");
  }

  @Test
  void keepsTheProvidersOwnFieldsInTheClosingDelta() throws Exception {
    Passthrough.Stream stream = passthrough.open(TestRequests.users("anthropic", true, "q"), "c");
    for (SseEvent event : Fixtures.events("anthropic", "refusal")) {
      stream.decode(event, e -> {});
    }
    JsonNode delta = Json.tree(stream.closing(SETTLED).getFirst().data());
    assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("refusal");
    assertThat(delta.at("/delta/stop_details/category").asText()).isEqualTo("cyber");
  }

  @Test
  void aUnaryBodyKeepsUnknownFields_andGetsTheSettledUsage() throws Exception {
    Passthrough.UnaryBody body =
        passthrough.readBody(
            Fixtures.bytes("anthropic", "tool-result-turn", "upstream-response.json"));
    assertThat(body.response().content()).hasSize(2);
    JsonNode answer = Json.tree(body.answer(SETTLED, "cat/claude"));
    assertThat(answer.path("model").asText()).isEqualTo("cat/claude");
    assertThat(answer.at("/content/1/caller/type").asText()).isEqualTo("direct");
    assertThat(answer.path("stop_details").isNull()).isTrue();
    assertThat(answer.at("/usage/service_tier").asText()).isEqualTo("standard");
    assertThat(answer.at("/usage/inference_geo").asText()).isEqualTo("not_available");
    assertThat(answer.at("/usage/input_tokens").asLong()).isEqualTo(300);
  }
}
