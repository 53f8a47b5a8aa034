package dev.switchboard.health;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.attempt.Attempt.Outcome;
import dev.switchboard.config.Config;
import java.time.Duration;

/**
 * One deployment's live health: its two windows and its ejection state, behind one lock of its own
 * (so deployments never contend with each other), with the windows' statistics cached for a second.
 * About 18 KB (measured): 22 slots, each 3 histograms of 48 ints and the measures' extremes.
 */
final class DeploymentHealth {
  /** The last 5 minutes: 10 slots of 30 s. */
  static final int RECENT_SLOTS = 10;

  static final Duration RECENT_SLOT = Duration.ofSeconds(30);

  /** The last hour: 12 slots of 5 minutes. */
  static final int HOUR_SLOTS = 12;

  static final Duration HOUR_SLOT = Duration.ofMinutes(5);

  private static final long CACHE_NANOS = Duration.ofSeconds(1).toNanos();

  /** The windows as computed at {@code at}. */
  record Snapshot(long at, WindowStats last5m, WindowStats lastHour) {}

  final Ejection ejection;
  private final Window recent = new Window(RECENT_SLOTS, RECENT_SLOT);
  private final Window hour = new Window(HOUR_SLOTS, HOUR_SLOT);
  private volatile Snapshot snapshot;

  DeploymentHealth(Config.Routing routing, long now) {
    this.ejection = new Ejection(routing);
    // Stale from the start: the first read computes.
    this.snapshot = new Snapshot(now - CACHE_NANOS, WindowStats.EMPTY, WindowStats.EMPTY);
  }

  /**
   * Counts a health signal (OK, provider fault, rate limit: rejections and cancellations say
   * nothing of the provider) and moves the ejection state; {@code now} is nanoseconds since the
   * tracker started.
   */
  synchronized Ejection.Change ended(Attempt attempt, long now) {
    Outcome outcome = attempt.outcome();
    long startedAt = now - attempt.latencyMs() * 1_000_000;
    if (outcome == Outcome.REJECTED || outcome == Outcome.CANCELLED) {
      return ejection.ended(outcome, now, startedAt);
    }
    double firstToken = Double.NaN;
    double latency = Double.NaN;
    double perSecond = Double.NaN;
    if (outcome == Outcome.OK) {
      latency = attempt.latencyMs();
      long first = attempt.firstTokenMs().orElse(-1);
      firstToken = first >= 0 ? first : Double.NaN;
      perSecond = tokensPerSecond(attempt);
    }
    recent.add(now, outcome, firstToken, latency, perSecond);
    hour.add(now, outcome, firstToken, latency, perSecond);
    return ejection.ended(outcome, now, startedAt);
  }

  /** The windows as of at most a second ago. */
  Snapshot windows(long now) {
    Snapshot cached = snapshot;
    if (fresh(cached, now)) {
      return cached;
    }
    synchronized (this) {
      // Another reader may have computed it while this one waited for the lock.
      if (fresh(snapshot, now)) {
        return snapshot;
      }
      Snapshot computed = new Snapshot(now, recent.stats(now), hour.stats(now));
      snapshot = computed;
      return computed;
    }
  }

  private static boolean fresh(Snapshot snapshot, long now) {
    return now - snapshot.at() < CACHE_NANOS && snapshot.at() - now <= 0;
  }

  /**
   * Output tokens per second of generation (after the first token; the whole latency when no first
   * token was timed); NaN when nothing was generated or no time passed.
   */
  private static double tokensPerSecond(Attempt attempt) {
    long generating = attempt.latencyMs() - attempt.firstTokenMs().orElse(0);
    if (attempt.outputTokens() <= 0 || generating <= 0) {
      return Double.NaN;
    }
    return attempt.outputTokens() * 1000.0 / generating;
  }
}
