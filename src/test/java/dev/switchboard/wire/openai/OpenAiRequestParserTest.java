package dev.switchboard.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Media;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.WireException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiRequestParserTest {
  private final OpenAiFormat format = new OpenAiFormat();

  @Test
  void parsesMessagesToolsAndLimits_keepingTheBodyForPassthrough() throws Exception {
    ChatRequest request =
        parse(
            """
        {"model":"deepseek/deepseek-v3.2","stream":true,"max_tokens":64,"temperature":0.2,"x_vendor":{"a":1},
         "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"Hi "},{"type":"image_url","image_url":{"url":"data:,"}}]}],
         "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]}
        """);
    assertThat(request.model()).isEqualTo("deepseek/deepseek-v3.2");
    assertThat(request.stream()).isTrue();
    assertThat(request.maxOutputTokens()).hasValue(64);
    assertThat(Message.textOf(request.system())).isEqualTo("Be brief.");
    assertThat(request.messages())
        .extracting(m -> m.role() + ":" + m.text())
        .containsExactly("USER:Hi ");
    assertThat(request.messages().getFirst().parts().get(1))
        .as("the image is kept, not lost")
        .isEqualTo(new Part.Image(new Media.Url("data:,"), Optional.empty()));
    assertThat(request.controls().temperature()).hasValue(0.2);
    assertThat(request.tools()).extracting(t -> t.name()).containsExactly("get_weather");
    assertThat(request.source().body().get("x_vendor").get("a").asInt()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}                       | model: required",
        "{\"model\":\"m\"}                                                          | messages: required",
        "{\"model\":\"m\",\"messages\":[]}                                           | messages: at least one message",
        "{\"model\":7,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}           | model: expected a string, got an integer",
        "{\"model\":\"m\",\"temperature\":\"hot\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | temperature: expected a number, got a string",
        "{\"model\":\"m\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | stream: expected a boolean, got a string",
        "{\"model\":\"m\",\"max_tokens\":1.5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | max_tokens: expected an integer, got a decimal number",
        "{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}]}                         | messages[0].role: required",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}     | messages[0].role: unknown role",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":5}]}           | messages[0].content: expected a string or an array",
        "{\"model\":\"m\",\"tools\":[{\"type\":\"function\",\"function\":{}}],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | tools[0].function.name: required",
        "[1,2]                                                                   | must be a JSON object",
        "{\"model\":                                                              | malformed JSON at line 1, column 10: the JSON ends before it is complete",
      })
  void rejectsBadBodies_namingTheField(String body, String message) {
    assertThatThrownBy(() -> parse(body))
        .isInstanceOf(WireException.class)
        .hasMessageContaining(message.strip());
  }

  @Test
  void theParamOfAnErrorIsTheFieldPath() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":1}]}"))
        .isInstanceOfSatisfying(
            WireException.class, e -> assertThat(e.param()).isEqualTo("messages[1].role"));
  }

  private static final String VALID =
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\r\n\t"})
  void anEmptyOrBlankBody_isACleanError(String body) {
    assertThatThrownBy(() -> parse(body))
        .isInstanceOf(WireException.class)
        .hasMessage("the body is empty; expected a JSON object");
  }

  @ParameterizedTest
  @ValueSource(strings = {" x", "{}", "]", " 7", "\u0000"})
  void contentAfterTheObject_isRejected(String garbage) {
    assertThatThrownBy(() -> parse(VALID + garbage))
        .isInstanceOf(WireException.class)
        .hasMessage("unexpected content after the JSON object");
  }

  /** Fuzzing finding: a client body starting with nul bytes was a 500, not a 400. */
  @Test
  void aBodyOfNulBytes_isABadRequest() {
    assertThatThrownBy(
            () -> format.parseRequest(IngressRequest.of(new byte[] {0, 0, 0, '{', 0, 0})))
        .isInstanceOf(WireException.class)
        .hasMessageStartingWith("malformed JSON");
  }

  @Test
  void maxTokensOf2To64_isTooLarge_notTooSmall() {
    assertThatThrownBy(() -> parse(VALID.replace("{", "{\"max_tokens\":18446744073709551616,")))
        .isInstanceOf(WireException.class)
        .hasMessageStartingWith("max_tokens: too large");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "129", "18446744073709551616"})
  void nOutsideOneTo128_isRejected(String n) {
    assertThatThrownBy(() -> parse(VALID.replace("{", "{\"n\":" + n + ",")))
        .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.param()).isEqualTo("n"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"model\":",
        "{\"model\":\"m\",}",
        "{\"model\":[1}",
        "{\"model\":\"\u0001\"}",
        "{\"a\":\"\\x\"}",
        "{\"a\":-}",
        "[[[[[[[[[[",
        "{\"a\" 1}",
      })
  void syntaxErrors_readAsOneSentenceWithoutLibraryInternals(String body) {
    assertThatThrownBy(() -> parse(body))
        .isInstanceOfSatisfying(
            WireException.class,
            e ->
                assertThat(e.getMessage())
                    .startsWith("malformed JSON at line 1, column ")
                    .doesNotContain("Source", "REDACTED", "`", "code ", "jackson", "marker", "\n")
                    .containsOnlyOnce("line"));
  }

  private ChatRequest parse(String json) throws WireException {
    return format.parseRequest(IngressRequest.of(json.getBytes(StandardCharsets.UTF_8)));
  }
}
