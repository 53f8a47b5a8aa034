package dev.switchboard.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.AuthScheme;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ErrorBody;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.Fixtures;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.TestRequests;
import dev.switchboard.wire.UpstreamCall;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamTarget;
import dev.switchboard.wire.Usage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiFormatTest {
  private static final ChatRequest REQUEST = TestRequests.users("openai", true);
  private final OpenAiFormat format = new OpenAiFormat();

  @Test
  void upstreamBodyKeepsEveryClientField_butSwapsTheModelAndAsksForUsage() throws Exception {
    ChatRequest request =
        format.parseRequest(
            ingress(
                """
        {"model":"deepseek/deepseek-v3.2","stream":true,"seed":7,"response_format":{"type":"json_object"},
         "tool_choice":"auto","logprobs":true,"models":["a","b"],"provider":{"sort":"price"},
         "messages":[{"role":"user","content":"hi"}]}
        """));
    UpstreamCall call = format.encodeRequest(request, new UpstreamTarget("deepseek-chat"));
    JsonNode body = Json.tree(call.body());
    assertThat(call.path()).isEqualTo("/chat/completions");
    assertThat(call.auth()).isEqualTo(AuthScheme.BEARER);
    assertThat(body.get("model").asText()).isEqualTo("deepseek-chat");
    assertThat(body.get("seed").asInt()).isEqualTo(7);
    assertThat(body.get("response_format").get("type").asText()).isEqualTo("json_object");
    assertThat(body.get("tool_choice").asText()).isEqualTo("auto");
    assertThat(body.get("stream_options").get("include_usage").asBoolean()).isTrue();
    assertThat(body.has("models")).as("gateway-only field stripped").isFalse();
    assertThat(body.has("provider")).isFalse();
    assertThat(request.source().body().get("model").asText())
        .as("client body untouched")
        .isEqualTo("deepseek/deepseek-v3.2");
  }

  @Test
  void passthroughForwardsContentUnchanged_andPricesTheUsageChunk() throws Exception {
    Passthrough passthrough = format.passthrough();
    List<SseEvent> events = Fixtures.events("openai", "text-stream");
    Passthrough.Stream relay = passthrough.open(REQUEST, "gpt-4.1-nano-2025-04-14");
    for (SseEvent event : events.subList(0, events.size() - 2)) {
      relay.decode(event, e -> {});
      assertThat(relay.relayed().orElseThrow())
          .as("already named as the catalog names it")
          .isSameAs(event);
    }
    SseEvent usage = events.get(events.size() - 2);
    relay.decode(usage, e -> {});
    assertThat(relay.relayed()).as("the usage chunk is held back").isEmpty();
    relay.decode(events.getLast(), e -> {});
    assertThat(relay.relayed()).as("[DONE] is written at the close").isEmpty();

    Usage settled = Usage.reported(19, 10, 0, 0).withCost(new BigDecimal("0.000011"));
    List<SseEvent> closing = relay.closing(settled);
    assertThat(closing).hasSize(2);
    assertThat(closing.get(0).data())
        .contains("\"cost\":0.000011")
        .contains("\"id\":\"chatcmpl-BQadcZbvmcHdEiJlKyhlXR9mrGXaB\"")
        .contains("\"choices\":[]");
    assertThat(closing.get(1).data()).isEqualTo("[DONE]");
  }

  @Test
  void passthroughBuildsAUsageChunk_whenTheProviderSentNone() throws Exception {
    List<SseEvent> events = Fixtures.events("openai", "text-stream");
    Passthrough.Stream relay = format.passthrough().open(REQUEST, "gpt-4.1-nano-2025-04-14");
    for (SseEvent event : events.subList(0, 3)) {
      relay.decode(event, e -> {});
    }
    Usage estimated = Usage.estimated(20, 9).withCost(new BigDecimal("0.000004"));
    JsonNode chunk = Json.tree(relay.closing(estimated).getFirst().data());
    assertThat(chunk.get("id").asText()).isEqualTo("chatcmpl-BQadcZbvmcHdEiJlKyhlXR9mrGXaB");
    assertThat(chunk.get("usage").get("estimated").asBoolean()).isTrue();
    assertThat(chunk.get("usage").get("completion_tokens").asLong()).isEqualTo(9);
  }

  @Test
  void relayedUsageIsTheTopLevelObjectOnly_notTheWordInsideContent() throws Exception {
    Passthrough.Stream relay = format.passthrough().open(REQUEST, "m");
    relay.decode(
        SseEvent.data(
            "{\"choices\":[{\"delta\":{\"content\":\"the \\\"usage\\\": {x}\"}}],\"usage\":null}"),
        e -> {});
    assertThat(relay.relayed()).as("content goes out").isPresent();
    relay.decode(SseEvent.data("{\"choices\":[],\"usage\": {\"prompt_tokens\":1}}"), e -> {});
    assertThat(relay.relayed()).as("the usage is held back").isEmpty();
  }

  @Test
  void relayedChunksAllCarryTheCatalogModel_andTheFirstChunksIdAndCreated() throws Exception {
    Passthrough.Stream relay = format.passthrough().open(REQUEST, "deepseek/deepseek-v3.2");
    List<String> out = new ArrayList<>();
    for (String chunk :
        List.of(
            "{\"id\":\"a1\",\"created\":100,\"model\":\"deepseek-chat\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}",
            "{\"model\":\"deep\\\"seek\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\\"model\\\":1\"}}],\"created\":101,\"id\":\"a2\"}",
            "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"id\":\"a1\",\"model\":\"deepseek/deepseek-v3.2\",\"created\":100}")) {
      relay.decode(SseEvent.data(chunk), e -> {});
      out.add(relay.relayed().orElseThrow().data());
    }
    for (String chunk : out) {
      JsonNode tree = Json.tree(chunk);
      assertThat(tree.get("model").asText()).as(chunk).isEqualTo("deepseek/deepseek-v3.2");
      assertThat(tree.get("id").asText()).as(chunk).isEqualTo("a1");
      assertThat(tree.get("created").asLong()).as(chunk).isEqualTo(100);
    }
    assertThat(Json.tree(out.get(1)).get("choices").get(0).get("delta").get("content").asText())
        .as("content untouched")
        .isEqualTo("\"model\":1");
  }

  @Test
  void nonStreamedBodyGetsItsCost_andKeepsProviderFields() throws Exception {
    byte[] body = Fixtures.bytes("openai", "text", "upstream-response.json");
    Usage usage = format.decodeResponse(body).usage().orElseThrow();
    assertThat(usage).isEqualTo(Usage.reported(23, 14, 0, 0));
    JsonNode out =
        Json.tree(
            format
                .passthrough()
                .readBody(body)
                .answer(usage.withCost(new BigDecimal("0.000198")), "openai/gpt-4.1-nano"));
    assertThat(out.get("model").asText()).isEqualTo("openai/gpt-4.1-nano");
    assertThat(out.get("usage").get("cost").decimalValue()).isEqualByComparingTo("0.000198");
    assertThat(out.get("system_fingerprint").asText()).isEqualTo("fp_a288987b44");
    assertThat(out.get("choices").get(0).get("message").get("content").asText())
        .startsWith("Why don't skeletons");
  }

  @Test
  void errorsUseTheOpenAiShape() throws Exception {
    ErrorBody body =
        format.encodeError(
            GatewayError.builder(ErrorKind.UPSTREAM_FAILED, "provider 'deepseek' failed: HTTP 500")
                .provider("deepseek")
                .build());
    JsonNode error = Json.tree(body.body()).get("error");
    assertThat(body.status()).isEqualTo(502);
    assertThat(error.get("message").asText()).isEqualTo("provider 'deepseek' failed: HTTP 500");
    assertThat(error.get("type").asText()).isEqualTo("upstream_error");
    assertThat(error.get("code").asText()).isEqualTo("upstream_failed");
    assertThat(error.get("param").isNull()).isTrue();
  }

  @Test
  void classifiesProviderFailures() {
    assertThat(failure(429).retry()).isEqualTo(UpstreamFailure.Retry.RETRYABLE);
    assertThat(failure(429).kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(failure(400).retry()).isEqualTo(UpstreamFailure.Retry.FATAL);
    assertThat(failure(401).kind())
        .as("a provider's 401 is our credential, not the client's")
        .isEqualTo(ErrorKind.UPSTREAM_FAILED);
    assertThat(failure(503).detail()).isEqualTo("HTTP 503: overloaded");
  }

  private UpstreamFailure failure(int status) {
    return format.decodeFailure(
        status, Optional.empty(), Map.of(), bytes("{\"error\":{\"message\":\"overloaded\"}}"));
  }

  private static IngressRequest ingress(String text) {
    return IngressRequest.of(bytes(text));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
