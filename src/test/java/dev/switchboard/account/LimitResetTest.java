package dev.switchboard.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LimitResetTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void dailyStartsAtLocalMidnight_andResetsAtTheNext() {
    // 2026-12-06T23:30 in Berlin is 22:30 UTC: still the 6th locally.
    Instant now = Instant.parse("2026-12-06T22:30:00Z");
    assertThat(LimitReset.DAILY.periodStart(now, BERLIN))
        .isEqualTo(Instant.parse("2026-12-05T23:00:00Z"));
    assertThat(LimitReset.DAILY.nextReset(now, BERLIN))
        .isEqualTo(Instant.parse("2026-12-06T23:00:00Z"));
    assertThat(LimitReset.DAILY.periodStart(now, ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
  }

  @Test
  void weeklyStartsOnMonday_evenWhenNowIsSundayNight() {
    Instant sunday = Instant.parse("2026-12-06T22:59:59Z"); // Sunday 23:59:59 in Berlin
    assertThat(LimitReset.WEEKLY.periodStart(sunday, BERLIN))
        .isEqualTo(Instant.parse("2026-11-29T23:00:00Z"));
    assertThat(LimitReset.WEEKLY.nextReset(sunday, BERLIN))
        .isEqualTo(Instant.parse("2026-12-06T23:00:00Z"));
    Instant monday = Instant.parse("2026-12-06T23:00:00Z"); // the boundary itself
    assertThat(LimitReset.WEEKLY.periodStart(monday, BERLIN)).isEqualTo(monday);
  }

  @Test
  void monthlyStartsOnTheFirst_acrossADaylightSavingChange() {
    Instant now = Instant.parse("2026-03-31T12:00:00Z"); // Berlin went to summer time on the 29th
    assertThat(LimitReset.MONTHLY.periodStart(now, BERLIN))
        .isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
    assertThat(LimitReset.MONTHLY.nextReset(now, BERLIN))
        .isEqualTo(Instant.parse("2026-03-31T22:00:00Z"));
  }

  @Test
  void aDayWithTheClockChange_isTwentyThreeHoursLong() {
    Instant duringShortDay = Instant.parse("2026-03-29T10:00:00Z");
    Instant start = LimitReset.DAILY.periodStart(duringShortDay, BERLIN);
    Instant end = LimitReset.DAILY.nextReset(duringShortDay, BERLIN);
    assertThat(java.time.Duration.between(start, end)).hasHours(23);
  }

  @Test
  void readsItsWireNames_andRefusesOthers() {
    assertThat(LimitReset.of("Weekly")).isEqualTo(LimitReset.WEEKLY);
    assertThat(LimitReset.MONTHLY.wireName()).isEqualTo("monthly");
    assertThatThrownBy(() -> LimitReset.of("hourly"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("daily, weekly or monthly");
  }
}
