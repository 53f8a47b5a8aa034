package dev.switchboard.wire.gemini;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Fixtures;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Media;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.Reasoning;
import dev.switchboard.wire.ResponseFormat;
import dev.switchboard.wire.Role;
import dev.switchboard.wire.ToolChoice;
import dev.switchboard.wire.WireException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiRequestParserTest {
  private final GeminiFormat gemini = new GeminiFormat();

  static ChatRequest fixture(String scenario) throws WireException {
    String path =
        new String(Fixtures.bytes("gemini", scenario, "client-request.path"), UTF_8).strip();
    return new GeminiFormat()
        .parseRequest(
            new IngressRequest(
                path, Map.of(), Fixtures.bytes("gemini", scenario, "client-request.json")));
  }

  private ChatRequest parse(String path, String body) throws WireException {
    return gemini.parseRequest(new IngressRequest(path, Map.of(), body.getBytes(UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text",
        "text-stream",
        "text-stream-json-array",
        "tools",
        "tools-stream",
        "tool-result-turn",
        "tool-error-result",
        "thinking-stream",
        "image",
        "refusal",
        "max-tokens",
        "max-tokens-thinking-only"
      })
  void everyRecordedRequestParsesOrIsRefusedByName(String scenario) throws Exception {
    if (scenario.equals("text-stream-json-array")) {
      // streamGenerateContent without alt=sse: a JSON-array stream, which the gateway does not
      // offer.
      assertThatThrownBy(() -> fixture(scenario)).hasMessageContaining("alt=sse");
      return;
    }
    ChatRequest request = fixture(scenario);
    assertThat(request.model()).startsWith("gemini-");
    assertThat(request.messages()).isNotEmpty();
    assertThat(request.source().format()).isEqualTo("gemini");
  }

  @Test
  void readsTheModelAndTheStreamChoiceFromThePath() throws Exception {
    ChatRequest text = fixture("text");
    assertThat(text.model()).isEqualTo("gemini-2.5-flash");
    assertThat(text.stream()).isFalse();
    assertThat(text.controls().maxOutputTokens()).isEqualTo(OptionalLong.of(50));
    assertThat(text.controls().reasoning()).contains(Reasoning.OFF);
    ChatRequest stream = fixture("text-stream");
    assertThat(stream.stream()).isTrue();
    assertThat(stream.system()).containsExactly(Part.Text.of("You are a helpful chatbot."));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1beta/models/google/gemini-2.5-flash:generateContent",
        "/v1beta/models/google%2Fgemini-2.5-flash:generateContent",
        "/v1beta/models/google%2fgemini-2.5-flash:generateContent",
        "/v1beta/models/models%2Fgoogle%2Fgemini-2.5-flash:generateContent"
      })
  void aCatalogIdWithASlashIsNamedLiterallyOrPercentEncoded(String path) throws Exception {
    assertThat(parse(path, "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}").model())
        .isEqualTo("google/gemini-2.5-flash");
  }

  @Test
  void chatPathsCoverOneAndTwoSegmentModels() {
    assertThat(gemini.chatPaths())
        .containsExactly("/v1beta/models/:action", "/v1beta/models/:author/:action");
  }

  @Test
  void badPathsAreRefusedByName() {
    String body = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}";
    assertThatThrownBy(() -> parse("/v1beta/models/gemini-2.5-flash:countTokens", body))
        .hasMessageContaining("unsupported action 'countTokens'");
    assertThatThrownBy(() -> parse("/v1beta/models/gemini-2.5-flash:streamGenerateContent", body))
        .hasMessageContaining("alt=sse");
    assertThatThrownBy(() -> parse("", body)).isInstanceOf(WireException.class);
    assertThatThrownBy(() -> parse("/v1beta/models/:generateContent", body))
        .hasMessageContaining("names no model");
  }

  @Test
  void aToolRoundTripKeepsIdsNamesSignaturesAndTheErrorConvention() throws Exception {
    ChatRequest request = fixture("tool-result-turn");
    assertThat(request.messages()).hasSize(3);
    Message model = request.messages().get(1);
    assertThat(model.role()).isEqualTo(Role.ASSISTANT);
    Part.Thinking signed = (Part.Thinking) model.parts().get(0);
    // Sent back base64url by the SDK; canonically in Gemini's own alphabet.
    assertThat(signed.signature())
        .startsWith("Et8ECtwEAXLI2nyCB1jKZUE4ZxdH07XhZlpU7X7tlcbNO8oQurN910Rmh6fTq1azIzM7kzq/xMB7");
    assertThat(model.parts().get(1))
        .isEqualTo(
            new Part.ToolUse("pyd_ai_2c58246573624ed1a963f429338ded57", "get_country", "{}"));
    Message result = request.messages().get(2);
    assertThat(result.role()).isEqualTo(Role.TOOL);
    assertThat(result.parts())
        .containsExactly(
            new Part.ToolResult(
                "pyd_ai_2c58246573624ed1a963f429338ded57",
                List.of(Part.Text.of("{\"return_value\":\"Mexico\"}")),
                false,
                Optional.empty()));
    ChatRequest failed = fixture("tool-error-result");
    // The documented dummy signature is no signature.
    assertThat(failed.messages().get(1).parts())
        .containsExactly(new Part.ToolUse("call_openai_xyz", "get_answer", "{}"));
    Part.ToolResult error = (Part.ToolResult) failed.messages().get(2).parts().getFirst();
    assertThat(error.isError()).isTrue();
    assertThat(error.text()).startsWith("Try again.");
    assertThat(failed.messages().get(3)).isEqualTo(Message.text(Role.USER, "continue"));
  }

  @Test
  void callsAndResultsWithoutIdsArePairedByNameInOrder() throws Exception {
    ChatRequest request =
        parse(
            "/v1beta/models/gemini-2.5-flash:generateContent",
            "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"go\"}]},"
                + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"a\",\"args\":{\"x\":1}}},{\"functionCall\":{\"name\":\"b\"}},{\"functionCall\":{\"name\":\"a\"}}]},"
                + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"a\",\"response\":{\"result\":\"one\"}}},{\"functionResponse\":{\"name\":\"b\",\"response\":{\"output\":\"two\"}}},{\"functionResponse\":{\"name\":\"a\",\"response\":{\"v\":3}}}]}]}");
    List<Part> calls = request.messages().get(1).parts();
    List<Part> results = request.messages().get(2).parts();
    for (int i = 0; i < 3; i++) {
      assertThat(((Part.ToolResult) results.get(i)).toolUseId())
          .isEqualTo(((Part.ToolUse) calls.get(i)).id());
    }
    assertThat(((Part.ToolResult) results.get(0)).text()).isEqualTo("one");
    assertThat(((Part.ToolResult) results.get(2)).text()).isEqualTo("{\"v\":3}");
  }

  @Test
  void imagesAndPdfsAreMedia_otherDataStaysGeminiOnly() throws Exception {
    ChatRequest image = fixture("image");
    Part first = image.messages().getFirst().parts().getFirst();
    assertThat(first)
        .isInstanceOfSatisfying(
            Part.Image.class,
            img ->
                assertThat(img.media())
                    .isEqualTo(
                        new Media.Inline(
                            "image/png",
                            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC")));
    ChatRequest mixed =
        parse(
            "/v1beta/models/gemini-2.5-flash:generateContent",
            "{\"contents\":[{\"parts\":[{\"inline_data\":{\"mime_type\":\"application/pdf\",\"data\":\"JVBE\"}},"
                + "{\"fileData\":{\"mimeType\":\"audio/mp3\",\"fileUri\":\"https://x/a.mp3\"}}]}]}");
    List<Part> parts = mixed.messages().getFirst().parts();
    assertThat(parts.get(0)).isInstanceOf(Part.Document.class);
    assertThat(parts.get(1))
        .isInstanceOfSatisfying(Part.Opaque.class, o -> assertThat(o.format()).isEqualTo("gemini"));
  }

  @Test
  void readsControlsToolsAndBuiltinTools() throws Exception {
    ChatRequest request =
        parse(
            "/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse",
            "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],"
                + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\",\"parameters\":{\"type\":\"OBJECT\",\"properties\":{\"q\":{\"type\":\"STRING\"}}}},{\"name\":\"g\"}]},{\"googleSearch\":{}}],"
                + "\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"f\"]}},"
                + "\"generationConfig\":{\"temperature\":0.5,\"topP\":0.9,\"topK\":40,\"seed\":7,\"stopSequences\":[\"END\"],"
                + "\"responseMimeType\":\"application/json\",\"responseJsonSchema\":{\"type\":\"object\"},"
                + "\"thinkingConfig\":{\"thinkingLevel\":\"HIGH\",\"includeThoughts\":true}},"
                + "\"safetySettings\":[{\"category\":\"HARM_CATEGORY_HATE_SPEECH\",\"threshold\":\"BLOCK_NONE\"}]}");
    assertThat(request.tools()).hasSize(2);
    assertThat(request.tools().get(0).name()).isEqualTo("f");
    assertThat(request.tools().get(0).parameters().toString())
        .isEqualTo("{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}");
    assertThat(request.tools().get(1).builtin()).isPresent();
    assertThatThrownBy(() -> request.tools().get(1).requireFunction("openai"))
        .hasMessageContaining("googleSearch");
    assertThat(request.controls().toolChoice()).isEqualTo(ToolChoice.named("f"));
    assertThat(request.controls().topK()).isEqualTo(OptionalLong.of(40));
    assertThat(request.controls().stop()).containsExactly("END");
    assertThat(request.controls().responseFormat().kind())
        .isEqualTo(ResponseFormat.Kind.JSON_SCHEMA);
    assertThat(request.controls().reasoning()).contains(Reasoning.effort("high"));
    // Kept for a Gemini upstream, in the source body.
    assertThat(request.source().body().has("safetySettings")).isTrue();
  }

  @Test
  void typeErrorsNameTheField() {
    String path = "/v1beta/models/gemini-2.5-flash:generateContent";
    assertThatThrownBy(() -> parse(path, "{\"contents\":{}}"))
        .hasMessageContaining("contents: expected an array");
    assertThatThrownBy(() -> parse(path, "{\"contents\":[]}"))
        .hasMessageContaining("contents: at least one");
    assertThatThrownBy(
            () ->
                parse(
                    path,
                    "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":{\"temperature\":\"hot\"}}"))
        .hasMessageContaining("generationConfig.temperature: expected a number");
    assertThatThrownBy(() -> parse(path, "{\"contents\":[{\"role\":\"assistant\",\"parts\":[]}]}"))
        .hasMessageContaining("contents[0].role");
    assertThatThrownBy(
            () ->
                parse(
                    path,
                    "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":{\"maxOutputTokens\":0}}"))
        .hasMessageContaining("generationConfig.maxOutputTokens");
  }
}
