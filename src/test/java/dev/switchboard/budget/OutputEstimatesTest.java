package dev.switchboard.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutputEstimatesTest {
  private final OutputEstimates estimates = new OutputEstimates();

  @Test
  void expectsTheDefault_boundedByMaxTokensAndTheOutputCap_beforeAnyAnswer() {
    assertThat(estimates.expectedOutputTokens("m", OptionalLong.empty(), OptionalLong.empty()))
        .isEqualTo(OutputEstimates.DEFAULT_TOKENS);
    assertThat(estimates.expectedOutputTokens("m", OptionalLong.of(100), OptionalLong.of(64_000)))
        .isEqualTo(100);
    assertThat(estimates.expectedOutputTokens("m", OptionalLong.empty(), OptionalLong.of(50)))
        .isEqualTo(50);
  }

  @Test
  void expectsTheNinetyFifthPercentile_ofTheModelsRecentAnswers() {
    for (int i = 1; i <= 100; i++) {
      estimates.observe("m", i * 10L);
    }
    assertThat(estimates.expectedOutputTokens("m", OptionalLong.empty(), OptionalLong.empty()))
        .isEqualTo(950);
    assertThat(estimates.expectedOutputTokens("other", OptionalLong.empty(), OptionalLong.empty()))
        .isEqualTo(OutputEstimates.DEFAULT_TOKENS);
    assertThat(estimates.expectedOutputTokens("m", OptionalLong.of(900), OptionalLong.empty()))
        .isEqualTo(900);
  }

  @Test
  void followsTheRecentAnswers_whenAModelChangesBehaviour() {
    for (int i = 0; i < RecentOutputs.SIZE; i++) {
      estimates.observe("m", 5_000);
    }
    for (int i = 0; i < RecentOutputs.SIZE; i++) {
      estimates.observe("m", 40);
    }
    assertThat(estimates.expectedOutputTokens("m", OptionalLong.empty(), OptionalLong.empty()))
        .isEqualTo(40);
  }

  @Test
  void staysWithinObservedValues_whenThreadsObserveConcurrently() throws InterruptedException {
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int t = 0; t < 8; t++) {
        pool.execute(
            () -> {
              for (int i = 0; i < 10_000; i++) {
                estimates.observe("m", 100 + i % 50);
                estimates.expectedOutputTokens("m", OptionalLong.empty(), OptionalLong.empty());
              }
            });
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }
    assertThat(estimates.expectedOutputTokens("m", OptionalLong.empty(), OptionalLong.empty()))
        .isBetween(140L, 149L);
  }
}
