package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ClientException;
import com.google.genai.errors.GenAiIOException;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionCallingConfig;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import com.google.genai.types.Schema;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.Tool;
import com.google.genai.types.ToolConfig;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official Google Gen AI Java SDK against the gateway's Gemini routes ({@code
 * /v1beta/models/{model}:generateContent} and {@code :streamGenerateContent?alt=sse}), routed to
 * Gemini (same format) and to DeepSeek (an OpenAI-format provider, translated both ways). The SDK
 * puts a catalog id's slash into the path as it is: {@code models/google/gemini-2.5-flash}.
 */
class GeminiSdkTest {
  private static final String GEMINI = "google/gemini-2.5-flash";
  private static final String DEEPSEEK = AnthropicSdk.DEEPSEEK;
  private final GatewayHarness harness = GatewayHarness.shared();

  @ParameterizedTest
  @ValueSource(strings = {GEMINI, DEEPSEEK})
  void generatesContent(String model) {
    GenerateContentResponse response =
        client(harness.key).models.generateContent(model, "What is a router?", config().build());

    assertThat(response.text()).isNotBlank();
    assertThat(response.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
    GenerateContentResponseUsageMetadata usage = response.usageMetadata().orElseThrow();
    assertThat(usage.promptTokenCount()).hasValueSatisfying(n -> assertThat(n).isPositive());
    assertThat(usage.candidatesTokenCount()).hasValueSatisfying(n -> assertThat(n).isPositive());
  }

  @ParameterizedTest
  @ValueSource(strings = {GEMINI, DEEPSEEK})
  void streamsContent_withUsageAndFinishAtTheEnd(String model) {
    List<GenerateContentResponse> chunks = new ArrayList<>();
    try (ResponseStream<GenerateContentResponse> stream =
        client(harness.key)
            .models
            .generateContentStream(model, "What is a router?", config().build())) {
      stream.forEach(chunks::add);
    }

    assertThat(chunks).hasSizeGreaterThan(1);
    StringBuilder text = new StringBuilder();
    chunks.forEach(chunk -> text.append(chunk.text() == null ? "" : chunk.text()));
    assertThat(text.toString()).isNotBlank();
    GenerateContentResponse last = chunks.getLast();
    assertThat(last.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
    assertThat(last.usageMetadata().flatMap(u -> u.candidatesTokenCount()))
        .hasValueSatisfying(n -> assertThat(n).isPositive());
  }

  @ParameterizedTest
  @ValueSource(strings = {GEMINI, DEEPSEEK})
  void callsAFunction_andAnswersItsResponse(String model) {
    Client client = client(harness.key);
    GenerateContentConfig config = config().tools(weatherTool()).build();
    Content question =
        Content.builder().role("user").parts(Part.fromText("Weather in Paris?")).build();
    GenerateContentResponse call =
        read(() -> client.models.generateContent(model, question, config));

    FunctionCall function = call.functionCalls().getFirst();
    assertThat(function.name()).hasValue("get_weather");
    assertThat(function.args().orElseThrow()).containsKey("city");

    Content modelTurn = call.candidates().orElseThrow().getFirst().content().orElseThrow();
    Content result =
        Content.builder()
            .role("user")
            .parts(Part.fromFunctionResponse("get_weather", Map.of("result", "18 C and sunny")))
            .build();
    GenerateContentResponse answer =
        client.models.generateContent(model, List.of(question, modelTurn, result), config);

    assertThat(answer.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
    assertThat(answer.text())
        .as("the model saw the function's response")
        .contains("18 C and sunny");
  }

  @ParameterizedTest
  @ValueSource(strings = {GEMINI, DEEPSEEK})
  void streamsAFunctionCall(String model) {
    GenerateContentConfig config =
        config()
            .tools(weatherTool())
            .toolConfig(
                ToolConfig.builder()
                    .functionCallingConfig(FunctionCallingConfig.builder().mode("ANY")))
            .build();
    List<FunctionCall> calls = new ArrayList<>();
    read(
        () -> {
          try (ResponseStream<GenerateContentResponse> stream =
              client(harness.key)
                  .models
                  .generateContentStream(model, "Tell me something.", config)) {
            stream.forEach(chunk -> calls.addAll(chunk.functionCalls()));
          }
          return calls;
        });

    assertThat(calls).hasSize(1);
    assertThat(calls.getFirst().name()).hasValue("get_weather");
    assertThat(calls.getFirst().args().orElseThrow()).containsKey("city");
  }

  @Test
  void thoughtSignature_comesBackAsBytes_andReachesGeminiUnchanged() {
    Client client = client(harness.key);
    GenerateContentConfig config =
        config()
            .tools(weatherTool())
            .thinkingConfig(ThinkingConfig.builder().includeThoughts(true).thinkingBudget(1024))
            .build();
    Content question =
        Content.builder().role("user").parts(Part.fromText("Weather in Paris?")).build();
    GenerateContentResponse call = client.models.generateContent(GEMINI, question, config);

    Content modelTurn = call.candidates().orElseThrow().getFirst().content().orElseThrow();
    List<Part> parts = modelTurn.parts().orElseThrow();
    assertThat(parts).anyMatch(part -> part.thought().orElse(false));
    byte[] signature =
        parts.stream()
            .flatMap(part -> part.thoughtSignature().stream())
            .findFirst()
            .orElseThrow(() -> new AssertionError("no thoughtSignature in " + parts));
    harness.sim.clearRequests();
    Content result =
        Content.builder()
            .role("user")
            .parts(Part.fromFunctionResponse("get_weather", Map.of("result", "18 C and sunny")))
            .build();
    GenerateContentResponse answer =
        client.models.generateContent(GEMINI, List.of(question, modelTurn, result), config);

    assertThat(answer.text()).contains("18 C and sunny");
    assertThat(harness.sim.requests().getFirst().body())
        .contains("\"thoughtSignature\":\"" + Base64.getEncoder().encodeToString(signature) + "\"");
  }

  @Test
  void refusesABadKey() {
    assertThatThrownBy(
            () -> client("sk-sb-v1-wrong").models.generateContent(GEMINI, "Hi", config().build()))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.code()).isEqualTo(401));
  }

  @Test
  void refusesAnUnknownModel_asNotFound() {
    assertThatThrownBy(
            () ->
                client(harness.key)
                    .models
                    .generateContent("nobody/nothing", "Hi", config().build()))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.code()).isEqualTo(404));
  }

  /**
   * The SDK's answer, or a failure that says the SDK could not read what the gateway sent. Known
   * case: a functionCall translated from another format carries {@code thoughtSignature:
   * "skip_thought_signature_validator"}, which is not base64, while the SDK reads the field as
   * bytes.
   */
  private static <T> T read(Supplier<T> call) {
    try {
      return call.get();
    } catch (GenAiIOException e) {
      throw new AssertionError(
          "the Gemini SDK could not read the gateway's answer: " + e.getCause(), e);
    }
  }

  private static GenerateContentConfig.Builder config() {
    return GenerateContentConfig.builder()
        .maxOutputTokens(256)
        .systemInstruction(Content.fromParts(Part.fromText("You are terse.")));
  }

  private static Tool weatherTool() {
    Schema city = Schema.builder().type("STRING").description("City").build();
    return Tool.builder()
        .functionDeclarations(
            FunctionDeclaration.builder()
                .name("get_weather")
                .description("The current weather in a city")
                .parameters(
                    Schema.builder()
                        .type("OBJECT")
                        .properties(Map.of("city", city))
                        .required("city")
                        .build())
                .build())
        .build();
  }

  private Client client(String key) {
    return client(key, "v1beta");
  }

  private Client client(String key, String apiVersion) {
    // The key goes out as x-goog-api-key; retries off so a failure reaches the test as it came.
    return Client.builder()
        .apiKey(key)
        .vertexAI(false)
        .httpOptions(options().apiVersion(apiVersion).build())
        .build();
  }

  private HttpOptions.Builder options() {
    return HttpOptions.builder()
        .baseUrl("http://127.0.0.1:" + harness.gateway.port())
        .timeout(20_000)
        .retryOptions(HttpRetryOptions.builder().attempts(1).build());
  }
}
