package dev.switchboard.routing;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Caps the extra upstream attempts (retries and fallovers beyond each request's first) across the
 * whole gateway, after Finagle's RetryBudget: every client request deposits {@code ratio} of an
 * attempt, a floor of {@code minPerSecond} attempts a second accrues with time, and each extra
 * attempt withdraws one. Under total failure the gateway thus sends about {@code 1 + ratio}
 * upstream attempts per client request (plus the floor), never a storm. The balance is capped at
 * ten seconds of floor plus ten attempts, so a long quiet spell cannot bank a burst. Thread-safe
 * and lock-free: one is shared by every event loop.
 */
public final class RetryBudget {
  /** Balances are counted in thousandths of an attempt, so a 0.2 ratio stays exact. */
  private static final long MILLI = 1000;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long depositMilli;
  private final long floorMilliPerSecond;
  private final long capMilli;
  private final LongSupplier nanoTime;
  private final AtomicLong balanceMilli;
  private final AtomicLong accruedUpTo;

  /** The configured budget: {@code retry_budget.ratio} and {@code min_per_second}. */
  public static RetryBudget of(dev.switchboard.config.Config.Routing routing) {
    return new RetryBudget(routing.retryRatio(), routing.retryMinPerSecond());
  }

  public RetryBudget(double ratio, int minPerSecond) {
    this(ratio, minPerSecond, System::nanoTime);
  }

  /** With the clock the floor accrues by (tests move it by hand). */
  public RetryBudget(double ratio, int minPerSecond, LongSupplier nanoTime) {
    if (ratio < 0 || minPerSecond < 0) {
      throw new IllegalArgumentException("a retry budget is never negative");
    }
    this.depositMilli = Math.round(ratio * MILLI);
    this.floorMilliPerSecond = minPerSecond * MILLI;
    this.capMilli = (10L * minPerSecond + 10) * MILLI;
    this.nanoTime = nanoTime;
    this.balanceMilli = new AtomicLong(floorMilliPerSecond);
    this.accruedUpTo = new AtomicLong(nanoTime.getAsLong());
  }

  /** A client request arrived: it earns its share of extra attempts. */
  public void deposit() {
    add(depositMilli);
  }

  /** Takes one extra attempt from the budget; false when there is none left (do not retry). */
  public boolean tryWithdraw() {
    accrueFloor();
    long balance;
    do {
      balance = balanceMilli.get();
      if (balance < MILLI) {
        return false;
      }
    } while (!balanceMilli.compareAndSet(balance, balance - MILLI));
    return true;
  }

  /** Adds the floor earned since the last accrual (whoever moves the mark first adds it). */
  private void accrueFloor() {
    if (floorMilliPerSecond == 0) {
      return;
    }
    long now = nanoTime.getAsLong();
    long since = accruedUpTo.get();
    long elapsed = now - since;
    if (elapsed > 60 * NANOS_PER_SECOND) {
      // A long quiet spell: the cap is reached anyway, and the products below stay in range.
      if (accruedUpTo.compareAndSet(since, now)) {
        add(capMilli);
      }
      return;
    }
    // Whole milli-attempts only; the remainder of time stays for the next call.
    long earned = elapsed * floorMilliPerSecond / NANOS_PER_SECOND;
    if (earned > 0) {
      long used = earned * NANOS_PER_SECOND / floorMilliPerSecond;
      if (accruedUpTo.compareAndSet(since, since + used)) {
        add(earned);
      }
    }
  }

  private void add(long milli) {
    long balance;
    do {
      balance = balanceMilli.get();
      if (balance >= capMilli) {
        return;
      }
    } while (!balanceMilli.compareAndSet(balance, Math.min(capMilli, balance + milli)));
  }
}
