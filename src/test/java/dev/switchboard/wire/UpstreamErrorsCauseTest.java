package dev.switchboard.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.provider.WireFormats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each format's decodeFailure names the cause routing acts on (context length: try a larger
 * context; content policy: stop), from the error bodies listed in wire/causes/cases.tsv.
 */
class UpstreamErrorsCauseTest {
  @ParameterizedTest(name = "{0} {1} -> {3}")
  @MethodSource("cases")
  void aProviderRefusal_isClassifiedByItsCause(
      String format, String fixture, int status, UpstreamFailure.Cause cause) throws IOException {
    UpstreamFailure failure =
        WireFormats.find(format)
            .orElseThrow()
            .decodeFailure(status, Optional.empty(), Map.of(), read(fixture));

    assertThat(failure.cause()).isEqualTo(cause);
    assertThat(failure.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(failure.mayTryElsewhere())
        .as("a 400 is never retried as such; a context-length one moves to a larger context")
        .isFalse();
  }

  static Stream<Arguments> cases() throws IOException {
    return new String(read("cases.tsv"), StandardCharsets.UTF_8)
        .lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("\t"))
        .map(
            cells ->
                Arguments.of(
                    cells[0],
                    cells[1],
                    Integer.parseInt(cells[2]),
                    UpstreamFailure.Cause.valueOf(cells[3])));
  }

  private static byte[] read(String name) throws IOException {
    try (InputStream in =
        UpstreamErrorsCauseTest.class.getResourceAsStream("/wire/causes/" + name)) {
      if (in == null) {
        throw new IOException("no fixture wire/causes/" + name);
      }
      return in.readAllBytes();
    }
  }
}
