package dev.switchboard.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageTest {
  @Test
  void factories_reportNoCacheWrites() {
    Usage reported = Usage.reported(100, 20, 30, 5);
    assertThat(reported.cacheWrite5mTokens()).isZero();
    assertThat(reported.cacheWrite1hTokens()).isZero();
    assertThat(reported.source()).isEqualTo(Usage.Source.PROVIDER);
    Usage estimated = Usage.estimated(100, 20);
    assertThat(estimated.cacheWriteTokens()).isZero();
    assertThat(estimated.isEstimated()).isTrue();
  }

  @Test
  void withCacheWrites_keepsEverythingElse_andWritesStayInsideThePrompt() {
    Usage usage = Usage.reported(4_404, 503, 1_800, 7).withCacheWrites(456, 100);
    assertThat(usage)
        .isEqualTo(
            new Usage(4_404, 503, 1_800, 456, 100, 7, Usage.Source.PROVIDER, Optional.empty()));
    assertThat(usage.cacheWriteTokens()).isEqualTo(556);
    assertThat(usage.totalTokens()).as("writes are part of the prompt").isEqualTo(4_907);
  }

  @Test
  void withCost_keepsTheCacheWrites() {
    Usage priced = Usage.reported(10, 1, 0, 0).withCacheWrites(3, 4).withCost(new BigDecimal("1"));
    assertThat(priced.cacheWrite5mTokens()).isEqualTo(3);
    assertThat(priced.cacheWrite1hTokens()).isEqualTo(4);
    assertThat(priced.cost()).contains(new BigDecimal("1"));
  }

  @Test
  void refusesNegativeCacheWrites() {
    Usage usage = Usage.reported(10, 1, 0, 0);
    assertThatThrownBy(() -> usage.withCacheWrites(-1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> usage.withCacheWrites(0, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
