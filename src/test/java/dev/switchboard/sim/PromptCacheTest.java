package dev.switchboard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PromptCacheTest {
  private final AtomicLong now = new AtomicLong();
  private final PromptCache cache = new PromptCache(now::get);

  @Test
  void anExplicitEntry_expiresAfterItsTtl_andAHitRefreshesIt() {
    Prompt fiveMinutes = prompt(Duration.ofMinutes(5));
    assertThat(cache.use("p", fiveMinutes).written5m()).isEqualTo(2000);

    later(Duration.ofMinutes(4));
    assertThat(cache.use("p", fiveMinutes).read()).as("a hit within 5 minutes").isEqualTo(2000);
    later(Duration.ofMinutes(4));
    assertThat(cache.use("p", fiveMinutes).read()).as("refreshed by the last hit").isEqualTo(2000);
    later(Duration.ofMinutes(6));
    CacheUse expired = cache.use("p", fiveMinutes);
    assertThat(expired.read()).isZero();
    assertThat(expired.written5m()).isEqualTo(2000);
  }

  @Test
  void anHourLongEntry_outlivesFiveMinutes() {
    Prompt oneHour = prompt(Duration.ofHours(1));
    assertThat(cache.use("p", oneHour).written1h()).isEqualTo(2000);

    later(Duration.ofMinutes(30));
    assertThat(cache.use("p", oneHour).read()).isEqualTo(2000);
    later(Duration.ofMinutes(61));
    assertThat(cache.use("p", oneHour).read()).isZero();
  }

  @Test
  void automaticCaching_roundsDownToItsGranularity_andIgnoresTheWholePrompt() {
    Prompt prompt =
        new Prompt(
            List.of(Prompt.Segment.of("a", 1500), Prompt.Segment.of("b", 10)), 3, Prompt.OPENAI);
    assertThat(cache.use("p", prompt).read()).isZero();
    assertThat(cache.use("p", prompt).read()).isEqualTo(1408);
    assertThat(cache.use("other", prompt).read()).as("caches are per provider").isZero();
  }

  private Prompt prompt(Duration ttl) {
    return new Prompt(
        List.of(
            new Prompt.Segment("system", 2000, Optional.of(ttl)), Prompt.Segment.of("question", 7)),
        3,
        new Prompt.Caching.Explicit(1024));
  }

  private void later(Duration duration) {
    now.addAndGet(duration.toNanos());
  }
}
