package dev.switchboard.insight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ledger.SpendGroup;
import dev.switchboard.ledger.SpendRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpendReportTest {
  private static final ReportPeriod WEEK =
      ReportPeriod.ending("week", Duration.ofDays(7), Instant.parse("2026-12-05T00:00:00Z"));

  @Test
  void rendersOneRowPerGroup_andAnExactTotal() {
    SpendReport report =
        new SpendReport(
            WEEK,
            SpendGroup.DATA_CLASS,
            List.of(
                new SpendRow(Optional.of("regulated"), 2, 6_000, 2_000, 2_234_567),
                new SpendRow(Optional.of("public"), 1_500, 1_000_000, 250_000, 3)));

    assertThat(report.total())
        .isEqualTo(new SpendRow(Optional.empty(), 1_502, 1_006_000, 252_000, 2_234_570));
    assertThat(report.render())
        .isEqualTo(
            """
            Switchboard spend by data class, week: 2026-11-28T00:00:00Z to 2026-12-05T00:00:00Z

              data class  requests     prompt  completion     tokens       cost
              regulated          2      6,000       2,000      8,000  $2.234567
              public         1,500  1,000,000     250,000  1,250,000  $0.000003
              (total)        1,502  1,006,000     252,000  1,258,000   $2.23457
            """);
  }

  @Test
  void namesAGroupWithoutAValue_andSaysWhenThereIsNothing() {
    SpendReport providers =
        new SpendReport(
            WEEK, SpendGroup.PROVIDER, List.of(new SpendRow(Optional.empty(), 3, 0, 0, 0)));
    assertThat(providers.render()).contains("provider").contains("(none)");

    assertThat(new SpendReport(WEEK, SpendGroup.DAY, List.of()).render())
        .endsWith("No requests in this period.\n");
  }
}
