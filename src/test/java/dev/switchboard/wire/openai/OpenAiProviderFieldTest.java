package dev.switchboard.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.Fixtures;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.TestRequests;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OpenRouter's top-level {@code provider} field (the provider's display name) on every answer an
 * OpenAI client gets: relayed chunks and bodies, encoded chunks and bodies. Relayed chunks get it
 * spliced in, never re-serialized.
 */
class OpenAiProviderFieldTest {
  private static final ChatRequest REQUEST = TestRequests.users("openai", true);
  private static final Usage SETTLED =
      Usage.reported(19, 10, 0, 0).withCost(new BigDecimal("0.000011"));
  private final OpenAiFormat format = new OpenAiFormat();

  @Test
  void relayedChunk_getsTheProviderSplicedInAfterTheModel_restUntouched() throws Exception {
    // Odd spacing and field order survive only if the chunk is not re-serialized.
    String chunk =
        "{\"id\":\"c1\",  \"created\":7,\"model\":\"deepseek-chat\" ,"
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\\"model\\\":\\\"x\\\"\"}}]}";
    Passthrough.Stream relay = format.passthrough().open(REQUEST, "deepseek/v3", "DeepInfra");

    assertThat(relayed(relay, chunk))
        .isEqualTo(
            "{\"id\":\"c1\",  \"created\":7,\"model\":\"deepseek/v3\",\"provider\":\"DeepInfra\" ,"
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\\"model\\\":\\\"x\\\"\"}}]}");
    String sameModel =
        "{\"id\":\"c1\",\"created\":7,\"model\":\"deepseek/v3\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"content\":\"a\"}}]}";
    assertThat(relayed(relay, sameModel))
        .isEqualTo(
            sameModel.replace("\"deepseek/v3\"", "\"deepseek/v3\",\"provider\":\"DeepInfra\""));
  }

  @Test
  void upstreamProviderField_isReplaced_neverDoubled() throws Exception {
    Passthrough.Stream relay = format.passthrough().open(REQUEST, "m/x", "Together \"AI\"");
    List<String> out = new ArrayList<>();
    for (String provider :
        List.of("\"Fireworks\"", "\"Together \\\"AI\\\"\"", "null", "{\"a\":1}")) {
      out.add(
          relayed(
              relay,
              "{\"id\":\"c1\",\"created\":7,\"provider\":"
                  + provider
                  + ",\"model\":\"m/x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}"));
    }
    for (String chunk : out) {
      assertThat(Json.tree(chunk).get("provider").asText()).as(chunk).isEqualTo("Together \"AI\"");
      assertThat(chunk.split("\"provider\"", -1)).as(chunk).hasSize(2);
    }
  }

  @Test
  void identicalChunk_leavesAsTheSameEvent() throws Exception {
    Passthrough.Stream relay = format.passthrough().open(REQUEST, "m/x", "DeepInfra");
    SseEvent event =
        SseEvent.data(
            "{\"id\":\"c1\",\"created\":7,\"model\":\"m/x\",\"provider\":\"DeepInfra\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}");
    relay.decode(event, e -> {});
    assertThat(relay.relayed().orElseThrow()).isSameAs(event);
  }

  @Test
  void chunkWithoutAModel_getsTheProviderFirst() throws Exception {
    Passthrough.Stream relay = format.passthrough().open(REQUEST, "m/x", "DeepInfra");
    assertThat(relayed(relay, " {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}"))
        .isEqualTo(
            " {\"provider\":\"DeepInfra\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}");
  }

  @Test
  void everyEventOfARecordedStream_andItsClosingUsage_nameTheProvider() throws Exception {
    Passthrough.Stream relay = format.passthrough().open(REQUEST, "openai/gpt-4.1-nano", "OpenAI");
    List<String> out = new ArrayList<>();
    for (SseEvent event : Fixtures.events("openai", "text-stream")) {
      relay.decode(event, e -> {});
      relay.relayed().ifPresent(e -> out.add(e.data()));
    }
    relay.closing(SETTLED).stream()
        .map(SseEvent::data)
        .filter(d -> d.startsWith("{"))
        .forEach(out::add);

    assertThat(out).hasSizeGreaterThan(2);
    for (String chunk : out) {
      assertThat(Json.tree(chunk).get("provider").asText()).as(chunk).isEqualTo("OpenAI");
    }
  }

  @Test
  void closingUsageChunk_builtWhenTheProviderSentNone_namesTheProvider() throws Exception {
    Passthrough.Stream relay = format.passthrough().open(REQUEST, "m/x", "DeepInfra");
    relayed(
        relay,
        "{\"id\":\"c1\",\"created\":7,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},"
            + "\"finish_reason\":\"stop\"}]}");
    JsonNode usage = Json.tree(relay.closing(SETTLED).getFirst().data());
    assertThat(usage.get("provider").asText()).isEqualTo("DeepInfra");
    assertThat(usage.get("usage").get("cost").decimalValue()).isEqualByComparingTo("0.000011");
  }

  @Test
  void withoutAProvider_theRelayAddsNone() throws Exception {
    Passthrough.Stream relay = format.passthrough().open(REQUEST, "m/x");
    assertThat(
            relayed(
                relay,
                "{\"id\":\"c1\",\"created\":7,\"model\":\"m\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"content\":\"a\"}}]}"))
        .doesNotContain("provider");
  }

  @Test
  void relayedBody_namesTheProvider() throws Exception {
    byte[] body = Fixtures.bytes("openai", "text", "upstream-response.json");
    JsonNode named =
        Json.tree(
            format.passthrough().readBody(body).answer(SETTLED, "openai/gpt-4.1-nano", "OpenAI"));
    assertThat(named.get("provider").asText()).isEqualTo("OpenAI");
    assertThat(named.get("model").asText()).isEqualTo("openai/gpt-4.1-nano");
    assertThat(named.get("usage").get("cost").decimalValue()).isEqualByComparingTo("0.000011");
    JsonNode unnamed =
        Json.tree(format.passthrough().readBody(body).answer(SETTLED, "openai/gpt-4.1-nano"));
    assertThat(unnamed.has("provider")).isFalse();
  }

  @Test
  void encodedChunks_includingTheUsageAndAnError_nameTheProvider_onceServedBy() throws Exception {
    StreamEncoder encoder = format.newStreamEncoder(REQUEST);
    encoder.identify("gen-1", 7, "m/x");
    List<String> before = new ArrayList<>();
    encoder.encode(new ChatEvent.TextDelta(0, "a"), e -> before.add(e.data()));
    encoder.servedBy("DeepInfra");
    List<String> after = new ArrayList<>();
    encoder.encode(new ChatEvent.TextDelta(0, "b"), e -> after.add(e.data()));
    encoder.fail(GatewayError.of(ErrorKind.UPSTREAM_FAILED, "cut"), e -> after.add(e.data()));
    encoder.complete(SETTLED, e -> after.add(e.data()));

    assertThat(Json.tree(before.getFirst()).has("provider")).isFalse();
    List<String> chunks = after.stream().filter(d -> d.startsWith("{")).toList();
    assertThat(chunks).hasSize(3);
    for (String chunk : chunks) {
      assertThat(Json.tree(chunk).get("provider").asText()).as(chunk).isEqualTo("DeepInfra");
    }
  }

  @Test
  void translatedBody_namesTheProvider_forAnOpenAiClientOnly() throws Exception {
    AnthropicFormat anthropic = new AnthropicFormat();
    ChatResponse fromAnthropic =
        anthropic.decodeResponse(Fixtures.bytes("anthropic", "text", "upstream-response.json"));

    JsonNode openAi =
        Json.tree(
            Passthrough.UnaryBody.translated(fromAnthropic, format)
                .answer(SETTLED, "anthropic/claude-sonnet-4.6", "Anthropic"));
    assertThat(openAi.get("provider").asText()).isEqualTo("Anthropic");
    assertThat(openAi.get("model").asText()).isEqualTo("anthropic/claude-sonnet-4.6");
    JsonNode plain =
        Json.tree(
            Passthrough.UnaryBody.translated(fromAnthropic, format)
                .answer(SETTLED, "anthropic/claude-sonnet-4.6"));
    assertThat(plain.has("provider")).isFalse();
    JsonNode toAnthropic =
        Json.tree(
            Passthrough.UnaryBody.translated(fromAnthropic, anthropic)
                .answer(SETTLED, "anthropic/claude-sonnet-4.6", "Anthropic"));
    assertThat(toAnthropic.has("provider")).as("Anthropic's format has no such field").isFalse();
  }

  private static String relayed(Passthrough.Stream relay, String chunk) throws Exception {
    relay.decode(SseEvent.data(chunk), e -> {});
    return relay.relayed().orElseThrow().data();
  }
}
