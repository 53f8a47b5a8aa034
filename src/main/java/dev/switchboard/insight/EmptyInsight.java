package dev.switchboard.insight;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reports over no requests: for a gateway started without rollups (tests of other parts). */
public final class EmptyInsight implements Insight {
  public static final EmptyInsight INSTANCE = new EmptyInsight();

  private EmptyInsight() {}

  @Override
  public Rankings rankings(Scope scope, Period period, Dimension by, Instant now) {
    return new Rankings(period.endingAt(now), by, 0, List.of());
  }

  @Override
  public List<ClassSpend> spendByDayAndClass(
      Scope scope, Optional<Instant> from, Optional<Instant> to) {
    return List.of();
  }

  @Override
  public Savings savings(
      Scope scope, String baseline, Optional<Instant> from, Optional<Instant> to) {
    return new Savings(baseline, 0, 0, List.of());
  }

  @Override
  public EnergyReport energy(Scope scope, Optional<Instant> from, Optional<Instant> to) {
    return new EnergyReport("", 0, 0, 0, List.of(), List.of());
  }

  @Override
  public List<ActivityRow> activity(Scope scope, Instant now) {
    return List.of();
  }
}
