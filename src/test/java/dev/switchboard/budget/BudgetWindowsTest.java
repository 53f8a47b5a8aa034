package dev.switchboard.budget;

import static dev.switchboard.budget.MemoryBudgetsTest.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.account.KeyRules;
import dev.switchboard.account.LimitReset;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetWindowsTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @ParameterizedTest
  @CsvSource({
    // instant (UTC),        reset,   expected period start (UTC)
    "2026-11-30T22:59:59Z, MONTHLY, 2026-10-31T23:00:00Z",
    "2026-11-30T23:00:00Z, MONTHLY, 2026-11-30T23:00:00Z",
    "2026-03-29T00:30:00Z, MONTHLY, 2026-02-28T23:00:00Z",
    "2026-04-01T00:00:00Z, MONTHLY, 2026-03-31T22:00:00Z",
    "2026-12-06T22:59:59Z, WEEKLY,  2026-11-29T23:00:00Z",
    "2026-12-06T23:00:00Z, WEEKLY,  2026-12-06T23:00:00Z",
    "2026-03-29T05:00:00Z, DAILY,   2026-03-28T23:00:00Z",
    "2026-03-30T05:00:00Z, DAILY,   2026-03-29T22:00:00Z",
  })
  void creditWindowStartsAtTheLocalPeriodStart_whenTheLimitResets(
      String at, LimitReset reset, String start) {
    KeyRules rules = withReset(rules(1_000, 0, 0), reset);

    List<BudgetWindow> windows =
        BudgetWindows.of("k", rules, Optional.empty(), Instant.parse(at), BERLIN);

    assertThat(windows).hasSize(1);
    assertThat(windows.get(0).start()).isEqualTo(Instant.parse(start));
    assertThat(windows.get(0).id()).isEqualTo("credit:k:" + start);
    assertThat(windows.get(0).kind()).isEqualTo(WindowKind.CREDIT);
  }

  @Test
  void creditWindowCountsForever_whenTheLimitNeverResets() {
    KeyRules rules = withReset(rules(1_000, 0, 0), null);

    var w = BudgetWindows.of("k", rules, Optional.empty(), Instant.now(), BERLIN).get(0);

    assertThat(w.id()).isEqualTo("credit:k:all");
    assertThat(w.start()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void dayWindowIsTheLocalCalendarDay_atMidnightInTheZone() {
    KeyRules rules = rules(0, 500, 0);
    Instant beforeMidnight = Instant.parse("2026-12-06T22:59:59.999Z");
    Instant atMidnight = Instant.parse("2026-12-06T23:00:00Z");

    var before = BudgetWindows.of("k", rules, Optional.empty(), beforeMidnight, BERLIN).get(0);
    var after = BudgetWindows.of("k", rules, Optional.empty(), atMidnight, BERLIN).get(0);

    assertThat(before.id()).isEqualTo("day:k:2026-12-06");
    assertThat(before.start()).isEqualTo(Instant.parse("2026-12-05T23:00:00Z"));
    assertThat(after.id()).isEqualTo("day:k:2026-12-07");
    assertThat(after.start()).isEqualTo(atMidnight);
    assertThat(after.limitMicros()).isEqualTo(500);
  }

  @Test
  void sessionWindowNamesAHashOfTheSession_onlyWhenTheRequestHasOne() {
    KeyRules rules = rules(1_000, 500, 200);
    Instant now = Instant.parse("2026-12-06T10:00:00Z");

    var with = BudgetWindows.of("k", rules, Optional.of("agent-run-7"), now, BERLIN);
    var without = BudgetWindows.of("k", rules, Optional.empty(), now, BERLIN);

    assertThat(with)
        .extracting(BudgetWindow::kind)
        .containsExactly(WindowKind.CREDIT, WindowKind.DAY, WindowKind.SESSION);
    BudgetWindow session = with.get(2);
    assertThat(session.id()).matches("session:k:[0-9a-f]{16}").doesNotContain("agent-run-7");
    assertThat(session.id())
        .isEqualTo(
            BudgetWindows.of(
                    "k", rules, Optional.of("agent-run-7"), now.plusSeconds(86_400), BERLIN)
                .get(2)
                .id());
    assertThat(session.sessionId()).contains("agent-run-7");
    assertThat(session.limitMicros()).isEqualTo(200);
    assertThat(without)
        .extracting(BudgetWindow::kind)
        .containsExactly(WindowKind.CREDIT, WindowKind.DAY);
    assertThat(with).extracting(BudgetWindow::id).isSorted();
  }

  @Test
  void noWindows_whenTheKeyHasNoMoneyLimit() {
    assertThat(BudgetWindows.of("k", KeyRules.NONE, Optional.of("s"), Instant.now(), BERLIN))
        .isEmpty();
  }

  private static KeyRules withReset(KeyRules r, LimitReset reset) {
    return new KeyRules(
        r.limitMicros(),
        Optional.ofNullable(reset),
        r.expiresAt(),
        r.models(),
        r.rpm(),
        r.tpm(),
        r.concurrency(),
        r.sessionCapMicros(),
        r.dailyCapMicros(),
        r.dataClass(),
        Optional.empty());
  }

  static OptionalLong none() {
    return OptionalLong.empty();
  }
}
