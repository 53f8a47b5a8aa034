package dev.switchboard.health;

import dev.switchboard.attempt.Attempt.Outcome;
import dev.switchboard.config.Config;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One deployment's ejection state machine. HEALTHY until {@code ejectAfter} provider faults in a
 * row (an OK resets the count; rate limits, rejections and cancellations neither count nor reset
 * it); then EJECTED for {@code ejectFor}; then PROBING: {@link #available} lets one try through at
 * a time (another after {@code ejectFor} if the first never reports). While out, only attempts that
 * began after the ejection are evidence (those in flight before it say nothing new): an OK brings
 * the deployment back and resets the period; a fault once the period ran out ejects it again for
 * twice as long, up to {@code ejectForAtMost}.
 *
 * <p>Transitions run under the deployment's lock; {@link #available} and {@link #state} read
 * volatile fields only, without locking or allocating.
 */
final class Ejection {
  /** What an attempt's end changed. */
  enum Change {
    NONE,
    EJECTED,
    RECOVERED
  }

  private final int after;
  private final long baseNanos;
  private final long maxNanos;

  /** While out: the time from which the next try may go; a claim moves it on by one base period. */
  private final AtomicLong nextTry = new AtomicLong();

  private volatile boolean out;
  private volatile long until;
  private volatile long claimedAt;
  private volatile int consecutive;
  private long ejectedAt;
  private long period;

  Ejection(Config.Routing routing) {
    this.after = routing.ejectAfter();
    this.baseNanos = routing.ejectFor().toNanos();
    this.maxNanos = routing.ejectForAtMost().toNanos();
    this.period = baseNanos;
  }

  /** True when healthy; while out, true once per probe slot (the caller then makes that try). */
  boolean available(long now) {
    if (!out) {
      return true;
    }
    long next = nextTry.get();
    if (now - next < 0 || !nextTry.compareAndSet(next, now + baseNanos)) {
      return false;
    }
    claimedAt = now;
    return true;
  }

  DeploymentStatus.State state(long now) {
    if (!out) {
      return DeploymentStatus.State.HEALTHY;
    }
    return now - until < 0 ? DeploymentStatus.State.EJECTED : DeploymentStatus.State.PROBING;
  }

  boolean out() {
    return out;
  }

  /** The end of the current (or last) ejection, in the tracker's nanoseconds. */
  long until() {
    return until;
  }

  int consecutiveFaults() {
    return consecutive;
  }

  long periodNanos() {
    return period;
  }

  /** One attempt's end, started at {@code startedAt}; call under the deployment's lock. */
  Change ended(Outcome outcome, long now, long startedAt) {
    if (!out) {
      if (outcome == Outcome.OK) {
        consecutive = 0;
      } else if (outcome == Outcome.PROVIDER_FAULT && ++consecutive >= after) {
        period = baseNanos;
        eject(now);
        return Change.EJECTED;
      }
      return Change.NONE;
    }
    if (startedAt - ejectedAt < 0) {
      return Change.NONE;
    }
    boolean probing = now - until >= 0;
    switch (outcome) {
      case OK -> {
        consecutive = 0;
        out = false;
        return Change.RECOVERED;
      }
      case PROVIDER_FAULT -> {
        consecutive++;
        if (probing) {
          period = Math.min(period * 2, maxNanos);
          eject(now);
          return Change.EJECTED;
        }
      }
      default -> {
        // The probe said nothing of health (rate limited, rejected, cancelled): free its slot.
        if (probing && startedAt - claimedAt >= 0) {
          nextTry.set(now);
        }
      }
    }
    return Change.NONE;
  }

  private void eject(long now) {
    ejectedAt = now;
    until = now + period;
    nextTry.set(until);
    out = true;
  }
}
