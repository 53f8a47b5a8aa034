package dev.switchboard.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.WireException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A 1 MB body never costs more than 10 MB of heap to parse, accepted or refused: bodies of every
 * shape that makes a JSON tree expensive (many small values, long strings, big numbers, depth).
 */
class RequestMemoryTest {
  private static final int MB = 1 << 20;
  private static final String HEAD = "{\"model\":\"m\",\"messages\":[";
  private static final String USER = "{\"role\":\"user\",\"content\":\"hi\"}";
  private static final int UNDER_BUDGET = RequestLimits.DEFAULTS.maxJsonValues() - 20;
  private final OpenAiFormat format = new OpenAiFormat();

  static Stream<Arguments> bodies() {
    return Stream.of(
        body("one long ASCII prompt", n -> HEAD + message("a".repeat(n)) + "]}"),
        body(
            "one long prompt of two-byte characters",
            n -> HEAD + message("é".repeat(n / 2)) + "]}"),
        body("one prompt of escapes", n -> HEAD + message("\\u00e9".repeat(n / 6)) + "]}"),
        body("two content parts", n -> HEAD + parts("b".repeat(n / 2 - 100)) + "]}"),
        body(
            "9,000 messages",
            n -> HEAD + repeat(message("c".repeat(n / 9_000 - 30)), 9_000) + "]}"),
        body("empty objects, over the value budget", n -> vendor(repeat("{}", n / 3))),
        body("empty objects, just under the value budget", n -> vendor(repeat("{}", UNDER_BUDGET))),
        body("empty arrays, just under the value budget", n -> vendor(repeat("[]", UNDER_BUDGET))),
        body("decimals, just under the value budget", n -> vendor(repeat("0.5", UNDER_BUDGET))),
        body(
            "small integers, just under the value budget", n -> vendor(repeat("11", UNDER_BUDGET))),
        body(
            "15-character decimals, under the budget",
            n -> vendor(repeat("0.1234567890123", UNDER_BUDGET))),
        body("distinct field names, under the budget", n -> fields(UNDER_BUDGET / 2 - 10)),
        body("20-digit decimals", n -> vendor(repeat("0.1234567890123456789", n / 22))),
        body("exponents", n -> vendor(repeat("1e-7", n / 5))),
        body("big integers", n -> vendor(repeat("9".repeat(900), n / 901))),
        body("distinct field names", n -> fields(n / 12)),
        body("nesting at the limit, repeated", n -> vendor(repeat(nested(120), n / 250))),
        body("one long unknown string", n -> vendor("\"" + "d".repeat(n) + "\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void aOneMegabyteBody_costsLessThanTenMegabytesOfHeap(String shape, byte[] body) {
    assertThat(body.length).isLessThanOrEqualTo(MB);
    assertThat(allocatedToParse(body)).as("bytes allocated for %s", shape).isLessThan(10L * MB);
  }

  @Test
  void theLargestBodyParsedWithTheSharedSymbolTable_ofDistinctNames_costsLessThanSixMegabytes() {
    int names = Json.SMALL_BODY / 10;
    while (fields(names).length() > Json.SMALL_BODY) {
      names -= 50;
    }
    byte[] body = fields(names).getBytes(StandardCharsets.UTF_8);
    assertThat(body.length).isBetween(Json.SMALL_BODY - 1000, Json.SMALL_BODY);
    // The parse's table starts as a copy of the shared one, which other parses filled: 3.8 MB in a
    // fresh JVM, 4.6 MB after the rest of the suite.
    assertThat(allocatedToParse(body)).isLessThan(6L * MB);
  }

  private long allocatedToParse(byte[] body) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    parse(USER.getBytes(StandardCharsets.UTF_8)); // class loading is not the body's cost
    long before = threads.getCurrentThreadAllocatedBytes();
    parse(body);
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  private void parse(byte[] body) {
    try {
      format.parseRequest(IngressRequest.of(body));
    } catch (WireException e) {
      // Refusing the body is fine; the cost is what is measured.
    }
  }

  private static Arguments body(String shape, IntFunction<String> ofSize) {
    return Arguments.of(shape, ofSize.apply(MB - 100).getBytes(StandardCharsets.UTF_8));
  }

  private static String message(String content) {
    return "{\"role\":\"user\",\"content\":\"" + content + "\"}";
  }

  private static String parts(String text) {
    String part = "{\"type\":\"text\",\"text\":\"" + text + "\"}";
    return "{\"role\":\"user\",\"content\":[" + part + "," + part + "]}";
  }

  private static String vendor(String value) {
    return HEAD + USER + "],\"x_vendor\":[" + value + "]}";
  }

  private static String fields(int count) {
    StringBuilder out = new StringBuilder(HEAD + USER + "],\"x_vendor\":{");
    for (int i = 0; i < count; i++) {
      out.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
    }
    return out.append("}}").toString();
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  private static String repeat(String item, int count) {
    return String.join(",", java.util.Collections.nCopies(count, item));
  }
}
