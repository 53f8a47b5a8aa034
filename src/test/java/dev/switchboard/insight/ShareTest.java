package dev.switchboard.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShareTest {
  @Test
  void roundsToTenthsOfAPercent_addingUpTo100() {
    List<Share> thirds = Share.apportion(List.of(1L, 1L, 1L));

    assertThat(thirds).extracting(Share::percent).containsExactly("33.4%", "33.3%", "33.3%");
    assertThat(thirds).extracting(Share::whole).containsOnly(3L);
  }

  @Test
  void givesTheLostTenthToTheLargestRemainder() {
    // 41.26% -> 41.3%, 58.74% -> 58.7%; the floors (412, 587) miss one tenth, the 0.6 remainder
    // wins.
    List<Share> shares = Share.apportion(List.of(4_126L, 5_874L));

    assertThat(shares).extracting(Share::percent).containsExactly("41.3%", "58.7%");
  }

  @Test
  void sumsToExactly1000Permille_forRandomBreakdowns() {
    Random random = new Random(7);
    for (int run = 0; run < 500; run++) {
      List<Long> parts = random.longs(1 + random.nextInt(12), 0, 1L << 40).boxed().toList();
      List<Share> shares = Share.apportion(parts);
      assertThat(shares.stream().mapToInt(Share::permille).sum()).isEqualTo(1_000);
      for (Share share : shares) {
        // Never more than one tenth away from the exact value.
        long exactTimes1000 = share.part() * 1_000;
        assertThat(Math.abs(exactTimes1000 - (long) share.permille() * share.whole()))
            .isLessThan(share.whole());
      }
    }
  }

  @Test
  void anEmptyWholeIsZeroEverywhere() {
    assertThat(Share.apportion(List.of(0L, 0L)))
        .extracting(Share::percent)
        .containsExactly("0.0%", "0.0%");
    assertThat(new Share(1, 1, 1_000).percent()).isEqualTo("100.0%");
  }
}
