package dev.switchboard.ratelimit;

import java.util.OptionalLong;

/**
 * One limit as a request saw it: its size, what is left, and when it is whole again (epoch
 * milliseconds; absent for concurrency, which frees slots as requests end rather than with time).
 */
record LimitState(LimitKind kind, long limit, long remaining, OptionalLong resetAtMillis) {

  static LimitState timed(LimitKind kind, long limit, long remaining, long nanosToReset) {
    long resetAt = System.currentTimeMillis() + Math.ceilDiv(Math.max(nanosToReset, 0), 1_000_000);
    return new LimitState(kind, limit, Math.max(remaining, 0), OptionalLong.of(resetAt));
  }

  static LimitState slots(long limit, long held) {
    return new LimitState(
        LimitKind.CONCURRENCY, limit, Math.max(limit - held, 0), OptionalLong.empty());
  }
}
