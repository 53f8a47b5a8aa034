package dev.switchboard.policy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Generated look-alikes that carry no personal data: every one must scan clean. */
class HardNegativesTest {
  private static final int EACH = 1000;

  @Test
  void generatedLookAlikesFindNothing() {
    Random random = new Random(9);
    List<Function<Random, String>> kinds =
        List.of(
            r -> "id " + new UUID(r.nextLong(), r.nextLong()),
            r -> "commit " + hex(r, 20),
            r -> "sha256:" + hex(r, 32),
            r ->
                String.format(
                    "2025-%02d-%02dT%02d:%02d:%02d.%03dZ",
                    1 + r.nextInt(12),
                    1 + r.nextInt(28),
                    r.nextInt(24),
                    r.nextInt(60),
                    r.nextInt(60),
                    r.nextInt(1000)),
            r ->
                "v"
                    + r.nextInt(30)
                    + "."
                    + r.nextInt(30)
                    + "."
                    + r.nextInt(30)
                    + "."
                    + r.nextInt(300),
            r ->
                "version "
                    + r.nextInt(10)
                    + "."
                    + r.nextInt(30)
                    + "."
                    + r.nextInt(99)
                    + "."
                    + r.nextInt(9),
            r ->
                "INFO [worker-"
                    + r.nextInt(16)
                    + "] took "
                    + r.nextInt(5000)
                    + " ms, rc="
                    + r.nextInt(3),
            r ->
                "for (int i = 0; i < "
                    + r.nextInt(1000)
                    + "; i++) { sum += a[i] * "
                    + r.nextInt(99)
                    + "; }",
            r ->
                "latency p99="
                    + r.nextInt(900)
                    + "."
                    + r.nextInt(99)
                    + "ms at 12:"
                    + (10 + r.nextInt(50)));
    List<String> flagged = new ArrayList<>();
    for (Function<Random, String> kind : kinds) {
      for (int i = 0; i < EACH; i++) {
        String text = kind.apply(random);
        if (!Found.DEFAULT.scan(text).isEmpty()) {
          flagged.add(text + " -> " + Found.in(text));
        }
      }
    }
    assertThat(flagged).isEmpty();
  }

  private static String hex(Random random, int bytes) {
    byte[] data = new byte[bytes];
    random.nextBytes(data);
    return HexFormat.of().formatHex(data);
  }
}
