package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.openai.OpenAiFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamOverridesTest {
  private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "api_base",
        "apiBase",
        "API-BASE",
        "base_url",
        "baseURL",
        "api_key",
        "apiKey",
        "api_url",
        "callback_url",
        "callbacks",
        "success_callback",
        "webhook",
        "webhook_url",
        "extra_headers",
        "user_config",
        "aws_secret_access_key"
      })
  void refusesATopLevelFieldThatSetsAnUpstream_namingIt(String field) throws Exception {
    GatewayError error = refused(openAi("\"" + field + "\":\"http://evil.example\","), Map.of());

    assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(error.kind().status()).isEqualTo(400);
    assertThat(error.param()).contains(field);
    assertThat(error.safeMessage()).contains("'" + field + "'").contains("configuration");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base_url", "url", "api_key", "endpoint", "apiKey"})
  void refusesAProviderObjectFieldThatSetsAnUpstream(String field) throws Exception {
    ChatRequest request =
        openAi("\"provider\":{\"order\":[\"a\"],\"" + field + "\":\"http://evil.example\"},");

    assertThat(refused(request, Map.of()).param()).contains("provider." + field);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x-upstream-url",
        "x-base-url",
        "x-api-base",
        "x-provider-key",
        "x-provider-api-key",
        "x-upstream-key",
        "x-portkey-custom-host",
        "helicone-target-url",
        "x-callback-url"
      })
  void refusesAHeaderThatSetsAnUpstream(String header) throws Exception {
    GatewayError error = refused(openAi(""), Map.of(header, "http://evil.example"));

    assertThat(error.param()).contains(header);
    assertThat(error.safeMessage()).contains("header '" + header + "'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // OpenRouter's own fields and nested look-alikes the client owns.
        "\"provider\":{\"order\":[\"deepinfra\"],\"sort\":\"price\",\"max_price\":{\"prompt\":1}},",
        "\"metadata\":{\"webhook\":\"x\",\"api_key\":\"y\"},\"user\":\"u\",",
        "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":"
            + "{\"type\":\"object\",\"properties\":{\"base_url\":{\"type\":\"string\"}}}}}],",
        "\"plugins\":[{\"id\":\"web\"}],\"trace\":{\"trace_id\":\"t\"},\"session_id\":\"s\","
      })
  void acceptsWhatRealClientsSend(String fields) throws Exception {
    Map<String, String> headers =
        Map.of(
            "x-forwarded-host", "gateway.example",
            "http-referer", "https://app.example",
            "x-title", "App",
            "x-stainless-lang", "js",
            "openai-organization", "org",
            "x-api-key", "sk-client");

    assertThatCode(() -> UpstreamOverrides.check(openAi(fields), headers))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 6, 7})
  void acceptsEveryRecordedClaudeCodeRequest(int number) throws Exception {
    Map<String, String> headers = headers(resource("request-" + number + ".headers"));
    ChatRequest request =
        new AnthropicFormat()
            .parseRequest(
                new IngressRequest(
                    "/v1/messages?beta=true",
                    headers,
                    resource("request-" + number + ".json").getBytes(StandardCharsets.UTF_8)));

    assertThat(headers).containsKey("x-claude-code-session-id");
    assertThatCode(() -> UpstreamOverrides.check(request, headers)).doesNotThrowAnyException();
  }

  private static GatewayError refused(ChatRequest request, Map<String, String> headers) {
    GatewayError error =
        catchThrowableOfType(GatewayError.class, () -> UpstreamOverrides.check(request, headers));
    assertThat(error).as("refused").isNotNull();
    return error;
  }

  private static ChatRequest openAi(String fields) throws WireException {
    String body = "{\"model\":\"m\"," + fields + MESSAGES + "}";
    return new OpenAiFormat()
        .parseRequest(IngressRequest.of(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static Map<String, String> headers(String recorded) {
    Map<String, String> headers = new HashMap<>();
    for (String line : recorded.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("POST ") && !line.startsWith("HEAD ")) {
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    return headers;
  }

  private static String resource(String file) throws IOException {
    try (InputStream in =
        UpstreamOverridesTest.class.getResourceAsStream("/wire/claude-code/" + file)) {
      assertThat(in).as(file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
