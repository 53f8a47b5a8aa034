package dev.switchboard.autoroute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counts and accuracies the data folder's README states after decontamination. */
class RouteLlmDataTest {
  static final Path DATA =
      Path.of(
          System.getenv()
              .getOrDefault("SWITCHBOARD_ROUTER_DATA", "../shared/router-data/routellm-evals"));

  @Test
  void readsTheBenchmarksAsTheirReadmeCountsThem() throws Exception {
    assumeTrue(Files.isDirectory(DATA), "router data absent at " + DATA);
    List<Example> all = RouteLlmData.load(DATA);
    check(all, RouteLlmData.MMLU, 14_037, 0.8059, 0.6809);
    check(all, RouteLlmData.GSM8K, 1_307, 0.8577, 0.6373);
    check(all, RouteLlmData.MT_BENCH, 72, 9.21, 8.28);
    assertThat(
            all.stream()
                .filter(e -> e.benchmark().equals(RouteLlmData.MMLU))
                .map(Example::group)
                .distinct())
        .hasSize(57);
  }

  private static void check(
      List<Example> all, String benchmark, int count, double strong, double weak) {
    List<Example> some = all.stream().filter(e -> e.benchmark().equals(benchmark)).toList();
    assertThat(some).hasSize(count);
    assertThat(some.stream().mapToDouble(Example::strong).average().orElseThrow())
        .isCloseTo(strong, within(0.005));
    assertThat(some.stream().mapToDouble(Example::weak).average().orElseThrow())
        .isCloseTo(weak, within(0.005));
  }
}
