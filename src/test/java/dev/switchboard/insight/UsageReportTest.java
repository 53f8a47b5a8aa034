package dev.switchboard.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.ledger.ModelUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class UsageReportTest {
  private static final ReportPeriod WEEK =
      ReportPeriod.ending("week", Duration.ofDays(7), Instant.parse("2025-06-09T00:00:00Z"));
  private static final Map<String, String> ORIGIN =
      Map.of(
          "deepseek-chat",
          "CN",
          "kimi-k2",
          "CN",
          "glm-4.6",
          "CN",
          "gpt-5",
          "US",
          "claude-sonnet-4",
          "US");
  private static final Function<String, Optional<String>> ORIGIN_OF =
      model -> Optional.ofNullable(ORIGIN.get(model));

  // 1,000,000 tokens in all.
  private static final List<ModelUsage> USAGE =
      List.of(
          new ModelUsage("gpt-5", 40, 100_000, 20_000, 1_450_000),
          new ModelUsage("deepseek-chat", 300, 350_000, 63_000, 12_345_678),
          new ModelUsage("claude-sonnet-4", 50, 150_000, 30_000, 2_000_000),
          new ModelUsage("kimi-k2", 90, 150_000, 30_000, 500_000),
          new ModelUsage("local-llama", 7, 40_000, 0, 0),
          new ModelUsage("glm-4.6", 3, 40_000, 27_000, 60_000));

  @Test
  void ranksModelsByTotalTokens_withExactShares() {
    UsageReport report = UsageReport.of(WEEK, USAGE, ORIGIN_OF, 3);

    assertThat(report.totalTokens()).isEqualTo(1_000_000);
    assertThat(report.totalRequests()).isEqualTo(490);
    assertThat(report.totalCostMicros()).isEqualTo(16_355_678);
    assertThat(report.topModels())
        .extracting(
            ModelShare::rank, ModelShare::model, ModelShare::tokens, m -> m.share().percent())
        .containsExactly(
            tuple(1, "deepseek-chat", 413_000L, "41.3%"),
            tuple(2, "claude-sonnet-4", 180_000L, "18.0%"),
            tuple(3, "kimi-k2", 180_000L, "18.0%"));
    assertThat(report.otherModels())
        .hasValueSatisfying(
            others -> {
              assertThat(others.rank()).isZero();
              assertThat(others.tokens()).isEqualTo(120_000 + 67_000 + 40_000);
              assertThat(others.requests()).isEqualTo(50);
              assertThat(others.share().percent()).isEqualTo("22.7%");
            });
  }

  @Test
  void sharesOfEachBreakdownAddUpToTheWhole() {
    UsageReport report = UsageReport.of(WEEK, USAGE, ORIGIN_OF, 2);

    long modelTokens =
        report.topModels().stream().mapToLong(ModelShare::tokens).sum()
            + report.otherModels().orElseThrow().tokens();
    int modelPermille =
        report.topModels().stream().mapToInt(m -> m.share().permille()).sum()
            + report.otherModels().orElseThrow().share().permille();
    assertThat(modelTokens).isEqualTo(report.totalTokens());
    assertThat(modelPermille).isEqualTo(1_000);
    assertThat(report.countries().stream().mapToLong(CountryShare::tokens).sum())
        .isEqualTo(report.totalTokens());
    assertThat(report.countries().stream().mapToInt(c -> c.share().permille()).sum())
        .isEqualTo(1_000);
  }

  @Test
  void aggregatesTokensByCountryOfOrigin_unknownIncluded() {
    UsageReport report = UsageReport.of(WEEK, USAGE, ORIGIN_OF, 10);

    assertThat(report.countries())
        .extracting(CountryShare::country, CountryShare::tokens, c -> c.share().percent())
        .containsExactly(
            tuple("CN", 413_000L + 180_000 + 67_000, "66.0%"),
            tuple("US", 300_000L, "30.0%"),
            tuple("unknown", 40_000L, "4.0%"));
    assertThat(report.otherModels()).isEmpty();
  }

  @Test
  void rendersATableForTheTerminal() {
    String text = UsageReport.of(WEEK, USAGE, ORIGIN_OF, 3).render();

    assertThat(text)
        .contains("week: 2025-06-02T00:00:00Z to 2025-06-09T00:00:00Z")
        .contains("Total: 1,000,000 tokens, 490 requests, $16.355678")
        .contains("Top models by tokens")
        .contains("Share by country of origin");
    assertThat(text.lines().map(String::strip).toList())
        .contains("1  deepseek-chat    413,000  41.3%       300  $12.345678")
        .contains("2  claude-sonnet-4  180,000  18.0%        50          $2")
        .contains("(others)         227,000  22.7%        50       $1.51")
        .contains("CN       660,000  66.0%")
        .contains("unknown   40,000   4.0%");
  }

  @Test
  void rendersAnEmptyPeriod() {
    UsageReport report = UsageReport.of(WEEK, List.of(), ORIGIN_OF, 10);

    assertThat(report.totalTokens()).isZero();
    assertThat(report.render()).contains("No successful requests in this period.");
  }
}
