package dev.switchboard.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.WireException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiRequestLimitsTest {
  private static final String USER = "{\"role\":\"user\",\"content\":\"x\"}";
  private static final String TWO_TO_THE_64 = "18446744073709551616";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"max_tokens\":"
            + TWO_TO_THE_64
            + "          | max_tokens | max_tokens: too large, at most 2147483647",
        "\"max_tokens\":2147483648                     | max_tokens | max_tokens: too large, at most 2147483647",
        "\"max_completion_tokens\":"
            + TWO_TO_THE_64
            + " | max_completion_tokens | max_completion_tokens: too large",
        "\"max_tokens\":-"
            + TWO_TO_THE_64
            + "         | max_tokens | max_tokens: must be at least 1",
        "\"max_tokens\":0                              | max_tokens | max_tokens: must be at least 1, got 0",
        "\"max_tokens\":-1,\"max_completion_tokens\":5 | max_tokens | max_tokens: must be at least 1",
        "\"n\":0                                       | n          | n: must be at least 1, got 0",
        "\"n\":129                                     | n          | n: too large, at most 128, got 129",
        "\"n\":" + TWO_TO_THE_64 + "                   | n          | n: too large, at most 128",
        "\"n\":1.5                                     | n          | n: expected an integer, got a decimal number",
        "\"n\":\"2\"                                   | n          | n: expected an integer, got a string",
      })
  void numbersOutOfRange_sayWhichWayAndNameTheField(String field, String param, String message) {
    assertThatThrownBy(() -> parse(RequestLimits.DEFAULTS, body(field.strip())))
        .isInstanceOfSatisfying(
            WireException.class,
            e -> {
              assertThat(e.param()).isEqualTo(param.strip());
              assertThat(e.getMessage()).startsWith(message.strip());
            });
  }

  @Test
  void acceptsNumbersAtTheLimits() throws WireException {
    ChatRequest request =
        parse(RequestLimits.DEFAULTS, body("\"n\":128,\"max_tokens\":2147483647"));
    assertThat(request.maxOutputTokens()).hasValue(Integer.MAX_VALUE);
    assertThat(
            parse(RequestLimits.DEFAULTS, body("\"max_completion_tokens\":1,\"max_tokens\":9"))
                .maxOutputTokens())
        .hasValue(1);
  }

  @Test
  void tooManyMessages_isRefusedNamingTheCount() throws WireException {
    RequestLimits three = new RequestLimits(1_000, 3, 128, 100, 4, 4);
    String messages = String.join(",", USER, USER, USER);
    assertThat(parse(three, "{\"model\":\"m\",\"messages\":[" + messages + "]}").messages())
        .hasSize(3);
    assertThatThrownBy(
            () -> parse(three, "{\"model\":\"m\",\"messages\":[" + messages + "," + USER + "]}"))
        .isInstanceOfSatisfying(
            WireException.class,
            e -> {
              assertThat(e.param()).isEqualTo("messages");
              assertThat(e).hasMessage("messages: at most 3 messages are allowed, got 4");
            });
  }

  @Test
  void tooManyTools_isRefused() {
    RequestLimits two = new RequestLimits(1_000, 10, 128, 100, 2, 4);
    String tool = "{\"type\":\"function\",\"function\":{\"name\":\"f\"}}";
    assertThatThrownBy(
            () -> parse(two, body("\"tools\":[" + String.join(",", tool, tool, tool) + "]")))
        .isInstanceOfSatisfying(
            WireException.class,
            e -> {
              assertThat(e.param()).isEqualTo("tools");
              assertThat(e).hasMessage("tools: at most 2 tools are allowed, got 3");
            });
  }

  @Test
  void deepSchemas_areRefusedNamingTheSchema() throws WireException {
    RequestLimits depthThree = new RequestLimits(1_000, 10, 128, 100, 4, 3);
    String three = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}";
    String four = "{\"properties\":{\"a\":{\"items\":{}}}}";
    assertThat(parse(depthThree, body(tool(three))).tools()).hasSize(1);
    assertThatThrownBy(() -> parse(depthThree, body(tool(four))))
        .isInstanceOfSatisfying(
            WireException.class,
            e -> {
              assertThat(e.param()).isEqualTo("tools[0].function.parameters");
              assertThat(e)
                  .hasMessage("tools[0].function.parameters: nested more than 3 levels deep");
            });
    String format = "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"schema\":";
    parse(depthThree, body(format + three + "}}"));
    assertThatThrownBy(() -> parse(depthThree, body(format + four + "}}")))
        .isInstanceOfSatisfying(
            WireException.class,
            e -> assertThat(e.param()).isEqualTo("response_format.json_schema.schema"));
  }

  @Test
  void theDefaultsHoldASchemaOf64Levels_butNot65() throws WireException {
    parse(RequestLimits.DEFAULTS, body(tool(nested(64))));
    assertThatThrownBy(() -> parse(RequestLimits.DEFAULTS, body(tool(nested(65)))))
        .hasMessage("tools[0].function.parameters: nested more than 64 levels deep");
  }

  @Test
  void tooManyJsonValues_isRefusedBeforeATreeIsBuilt() {
    RequestLimits small = new RequestLimits(20, 10, 128, 100, 4, 4);
    assertThatThrownBy(() -> parse(small, body("\"metadata\":{\"x\":[1,2,3,4,5,6,7,8,9,10,11]}")))
        .isInstanceOf(WireException.class)
        .hasMessage("the body holds more than 20 JSON values; send a smaller request");
  }

  private static String nested(int levels) {
    return "{\"a\":".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
  }

  private static String tool(String parameters) {
    return "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":"
        + parameters
        + "}}]";
  }

  private static String body(String fields) {
    return "{\"model\":\"m\"," + fields + ",\"messages\":[" + USER + "]}";
  }

  private static ChatRequest parse(RequestLimits limits, String json) throws WireException {
    return new OpenAiFormat(limits)
        .parseRequest(IngressRequest.of(json.getBytes(StandardCharsets.UTF_8)));
  }
}
