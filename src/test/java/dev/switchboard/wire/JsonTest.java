package dev.switchboard.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\t \r\n"})
  void anEmptyOrBlankBody_isACleanError(String body) {
    assertThatThrownBy(() -> Json.tree(body))
        .isInstanceOf(WireException.class)
        .hasMessage("the body is empty; expected a JSON object");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":1} x       | object",
        "{\"a\":1}{}       | object",
        "{\"a\":1} 2       | object",
        "{\"a\":1}]        | object",
        "[1] [2]           | array",
        "7 8               | value",
      })
  void contentAfterTheValue_isRejected(String body, String what) {
    assertThatThrownBy(() -> Json.tree(body))
        .isInstanceOf(WireException.class)
        .hasMessage("unexpected content after the JSON " + what.strip());
  }

  @Test
  void trailingWhitespace_isFine() throws WireException {
    assertThat(Json.tree("{\"a\":1} \r\n\t").path("a").asInt()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"a\":                | malformed JSON at line 1, column 6: the JSON ends before it is complete",
        "{\"a\":[1}             | malformed JSON at line 1, column 8: a closing bracket does not match its opening one",
        "{\"a\":tru}            | malformed JSON at line 1, column 10: unrecognized word (expected a string, number, object, array, true, false or null)",
        "{a:1}                  | malformed JSON at line 1, column 2: unexpected character",
        "{\"a\":01}             | malformed JSON at line 1, column 7: a number is not written as JSON allows",
        "{\"a\":NaN}            | malformed JSON at line 1, column 9: a number is not written as JSON allows",
        "{\"a\":\"\\q\"}        | malformed JSON at line 1, column 8: a string holds an invalid escape sequence",
        "`{\"a\":\"x\ny\"}`     | malformed JSON at line 1, column 8: a control character in a string is not escaped",
      })
  void syntaxErrors_sayWhereAndWhatWithoutLibraryInternals(String body, String message) {
    assertThatThrownBy(() -> Json.tree(body))
        .isInstanceOf(WireException.class)
        .hasMessage(message.strip());
  }

  @Test
  void invalidUtf8_isNamed() {
    byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'};
    assertThatThrownBy(() -> Json.tree(body))
        .isInstanceOf(WireException.class)
        .hasMessageEndingWith(": the body is not valid UTF-8");
  }

  /** Fuzzing finding: nul bytes make Jackson guess UTF-32, whose decoder threw unchecked. */
  @ParameterizedTest
  @ValueSource(strings = {"\u0000\u0000\u0000", "\u0000\u0000\u0000[\u0000", "\u0000{\u0000"})
  void bytesThatLookLikeUtf32_areACleanError(String body) {
    assertThatThrownBy(() -> Json.tree(body))
        .isInstanceOf(WireException.class)
        .hasMessageStartingWith("malformed JSON");
  }

  /** Fuzzing finding: an exponent beyond BigDecimal's range escaped as NumberFormatException. */
  @Test
  void anExponentBeyondRange_isACleanError() {
    assertThatThrownBy(() -> Json.tree("{\"t\":1e" + "8".repeat(90) + "}"))
        .isInstanceOf(WireException.class)
        .hasMessage("malformed JSON: a number is out of range");
  }

  @Test
  void nestingBeyondTheLimit_isRefusedWithTheLimit() throws WireException {
    int depth = Json.MAX_NESTING_DEPTH;
    Json.tree("[".repeat(depth) + "]".repeat(depth));
    assertThatThrownBy(() -> Json.tree("[".repeat(depth + 1) + "]".repeat(depth + 1)))
        .isInstanceOf(WireException.class)
        .hasMessage(
            "the JSON is too large: objects and arrays are nested more than 128 levels deep");
  }

  @Test
  void aNumberOfThousandsOfDigits_isRefused() {
    byte[] body = ("[" + "9".repeat(5_000) + "]").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Json.tree(body))
        .isInstanceOf(WireException.class)
        .hasMessage("the JSON is too large: a number has more digits than allowed");
  }
}
