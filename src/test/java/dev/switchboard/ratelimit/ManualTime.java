package dev.switchboard.ratelimit;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the test moves by hand, so bucket refills are exact instead of racing the test. */
final class ManualTime implements TimeMeter {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

  void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }

  @Override
  public long currentTimeNanos() {
    return nanos.get();
  }

  @Override
  public boolean isWallClockBased() {
    return true; // nodes sharing a bucket in Redis must read the same clock; in the test they do
  }
}
