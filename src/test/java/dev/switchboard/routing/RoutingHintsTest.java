package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.UpstreamTarget;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both ingress formats read OpenRouter's routing fields into the request's hints. */
class RoutingHintsTest {
  private static final WireFormat OPENAI = WireFormats.find("openai").orElseThrow();
  private static final WireFormat ANTHROPIC = WireFormats.find("anthropic").orElseThrow();
  private static final String ROUTING =
      "\"models\":[\"lab/small\",\"lab/vision\"],\"provider\":{\"only\":[\"alpha\"]}";

  private static ChatRequest parse(WireFormat format, String path, String body)
      throws WireException {
    return format.parseRequest(
        new IngressRequest(path, Map.of(), body.getBytes(StandardCharsets.UTF_8)));
  }

  private static ChatRequest anthropic(String extra) throws WireException {
    return parse(
        ANTHROPIC,
        "/v1/messages",
        "{\"model\":\"lab/chat\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]"
            + extra
            + "}");
  }

  @Test
  void openAiAndAnthropic_fillModelsAndProvider() throws WireException {
    ChatRequest openai =
        parse(
            OPENAI,
            "/v1/chat/completions",
            "{\"model\":\"lab/chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + ROUTING
                + "}");
    ChatRequest anthropic = anthropic("," + ROUTING);
    for (ChatRequest request : List.of(openai, anthropic)) {
      assertThat(request.hints().models()).containsExactly("lab/small", "lab/vision");
      assertThat(request.hints().provider().orElseThrow().path("only").get(0).asText())
          .isEqualTo("alpha");
    }
    assertThat(anthropic.source().untranslated()).doesNotContain("models", "provider");
  }

  @Test
  void anthropicUpstream_neverReceivesTheRoutingFields() throws Exception {
    byte[] sent =
        ANTHROPIC.encodeRequest(anthropic("," + ROUTING), new UpstreamTarget("m", true)).body();
    assertThat(Json.mapper().readTree(sent).has("provider")).isFalse();
    assertThat(Json.mapper().readTree(sent).has("models")).isFalse();
  }

  @Test
  void noSameFormatUpstreamReceivesTheGatewayFields() throws Exception {
    String routing = "," + ROUTING + ",\"auto\":{\"quality\":0.3},\"session_id\":\"s\"";
    WireFormat responses = WireFormats.find("responses").orElseThrow();
    List<byte[]> sent =
        List.of(
            OPENAI
                .encodeRequest(
                    parse(
                        OPENAI,
                        "/v1/chat/completions",
                        "{\"model\":\"lab/chat\",\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"hi\"}]"
                            + routing
                            + "}"),
                    new UpstreamTarget("m"))
                .body(),
            ANTHROPIC.encodeRequest(anthropic(routing), new UpstreamTarget("m", true)).body(),
            responses
                .encodeRequest(
                    parse(
                        responses,
                        "/v1/responses",
                        "{\"model\":\"lab/chat\",\"input\":\"hi\"" + routing + "}"),
                    new UpstreamTarget("m"))
                .body());
    for (byte[] body : sent) {
      JsonNode tree = Json.mapper().readTree(body);
      assertThat(tree.has("auto") || tree.has("provider") || tree.has("models"))
          .as(new String(body, StandardCharsets.UTF_8))
          .isFalse();
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        ",\"models\":[\"a\", 3]        | models[1]",
        ",\"models\":\"a\"             | models",
        ",\"provider\":[\"alpha\"]     | provider",
        ",\"fallbacks\":[\"a\"]        | fallbacks[0]",
        ",\"fallbacks\":[{\"model\":\"a\",\"x\":1}] | fallbacks[0]",
        ",\"fallbacks\":[{\"model\":\"a\"}],\"models\":[\"b\"] | fallbacks",
        ",\"fallbacks\":[{\"model\":\"a\"},{\"model\":\"b\"},{\"model\":\"c\"},{\"model\":\"d\"}] | fallbacks",
      })
  void malformedRoutingFields_areRefusedNamingTheField(String extra, String field) {
    assertThatThrownBy(() -> anthropic(extra))
        .isInstanceOfSatisfying(
            WireException.class, e -> assertThat(e.getMessage()).startsWith(field + ": "));
  }

  @Test
  void openRoutersMessagesFallbacks_areTheFallbackModels_andNeverSentUpstream() throws Exception {
    String fallbacks = ",\"fallbacks\":[{\"model\":\"a/one\"},{\"model\":\"b/two\"}]";
    assertThat(anthropic(fallbacks).hints().models()).containsExactly("a/one", "b/two");
    byte[] sent =
        ANTHROPIC.encodeRequest(anthropic(fallbacks), new UpstreamTarget("m", true)).body();
    assertThat(Json.mapper().readTree(sent).has("fallbacks")).isFalse();
  }

  @Test
  void tooManyFallbacks_areRefused() {
    String many = ",\"models\":[" + "\"m\",".repeat(16) + "\"m\"]";
    assertThatThrownBy(() -> anthropic(many))
        .isInstanceOf(WireException.class)
        .hasMessageContaining("at most 16");
  }
}
