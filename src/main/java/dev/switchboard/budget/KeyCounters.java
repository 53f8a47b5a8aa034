package dev.switchboard.budget;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One key's window counters and open reservations in memory. Every method is a short critical
 * section on this object (arithmetic on a handful of windows), so event loops may call them.
 */
final class KeyCounters {
  /** A window's counters; {@code holders} counts the open reservations that reference it. */
  static final class Counter {
    BudgetWindow window;
    long spent;
    long reserved;
    int holders;
    long lastUsedNanos;

    Counter(BudgetWindow window, long spent) {
      this.window = window;
      this.spent = spent;
    }

    long remaining() {
      return window.limitMicros() - spent - reserved;
    }
  }

  private record Held(List<String> windowIds, long amount) {}

  private final Map<String, Counter> counters = new HashMap<>();
  private final Map<String, Held> open = new HashMap<>();
  private long epoch;

  /** The ids among {@code windows} this key does not count yet (they need a ledger seed). */
  synchronized List<BudgetWindow> unseeded(List<BudgetWindow> windows) {
    List<BudgetWindow> missing = new ArrayList<>(0);
    for (BudgetWindow w : windows) {
      if (!counters.containsKey(w.id())) {
        missing.add(w);
      }
    }
    return missing;
  }

  /**
   * Starts counting a window from its ledger sum, unless another seed got there first or windows
   * were forgotten since the sum was read (the caller then reads again).
   */
  synchronized void seed(BudgetWindow window, Seed seed) {
    if (seed.epoch() == epoch) {
      counters.putIfAbsent(window.id(), new Counter(window, seed.spent()));
    }
  }

  /** Changes whenever windows are forgotten: a ledger sum read before then may be stale. */
  synchronized long epoch() {
    return epoch;
  }

  /** A window's ledger sum, read while the key's windows were at {@code epoch}. */
  record Seed(long spent, long epoch) {}

  /**
   * Holds {@code amount} in every window, or names the first one that cannot pay it. Empty when
   * some window is not counted yet (evicted meanwhile): the caller seeds and tries again.
   */
  synchronized Optional<Outcome> reserve(String id, List<BudgetWindow> windows, long amount) {
    if (open.containsKey(id)) {
      throw new IllegalStateException("reservation " + id + " is already open");
    }
    List<Counter> held = refresh(windows);
    if (held.isEmpty()) {
      return Optional.empty();
    }
    for (Counter c : held) {
      if (c.remaining() < amount) {
        return Optional.of(new Outcome.Refused(c.window, Math.max(0, c.remaining())));
      }
    }
    List<String> ids = new ArrayList<>(held.size());
    for (Counter c : held) {
      c.reserved += amount;
      c.holders++;
      ids.add(c.window.id());
    }
    open.put(id, new Held(List.copyOf(ids), amount));
    return Optional.of(new Outcome.Held(amount));
  }

  /** Adds min(more, what every window has left) to an open reservation: its new amount. */
  synchronized long topUp(String id, long more, long fallback) {
    Held h = open.get(id);
    if (h == null) {
      return fallback; // settled, abandoned or unknown: nothing more to hold
    }
    long grant = more;
    for (String w : h.windowIds()) {
      grant = Math.min(grant, counters.get(w).remaining());
    }
    grant = Math.max(0, grant);
    for (String w : h.windowIds()) {
      counters.get(w).reserved += grant;
    }
    open.put(id, new Held(h.windowIds(), h.amount() + grant));
    return h.amount() + grant;
  }

  /**
   * Closes an open reservation: {@code charged} moves to spent, the rest is released. The amount it
   * held, or -1 when it was not open (already closed: closing twice changes nothing).
   */
  synchronized long close(String id, long charged) {
    Held h = open.remove(id);
    if (h == null) {
      return -1;
    }
    long now = System.nanoTime();
    for (String w : h.windowIds()) {
      Counter c = counters.get(w);
      c.reserved -= h.amount();
      c.spent += charged;
      c.holders--;
      c.lastUsedNanos = now;
    }
    return h.amount();
  }

  synchronized Optional<WindowUsage> usage(String windowId) {
    Counter c = counters.get(windowId);
    return c == null ? Optional.empty() : Optional.of(new WindowUsage(c.spent, c.reserved));
  }

  /** Forgets windows no reservation holds that were last used before {@code cutoffNanos}. */
  synchronized void evictIdle(long cutoffNanos) {
    if (counters.values().removeIf(c -> c.holders == 0 && c.lastUsedNanos - cutoffNanos < 0)) {
      epoch++;
    }
  }

  synchronized int openCount() {
    return open.size();
  }

  /** A copy of every counted window with its counters and what its open reservations hold. */
  synchronized List<Snapshot> snapshot() {
    Map<String, Long> held = new HashMap<>();
    for (Held h : open.values()) {
      for (String w : h.windowIds()) {
        held.merge(w, h.amount(), Long::sum);
      }
    }
    List<Snapshot> out = new ArrayList<>(counters.size());
    for (Counter c : counters.values()) {
      out.add(new Snapshot(c.window, c.spent, c.reserved, held.getOrDefault(c.window.id(), 0L)));
    }
    return out;
  }

  /** A window's counters next to the sum of its open reservations. */
  record Snapshot(BudgetWindow window, long spent, long reserved, long heldByOpen) {}

  /** What a reserve did. */
  sealed interface Outcome {
    record Held(long amount) implements Outcome {}

    record Refused(BudgetWindow window, long remaining) implements Outcome {}
  }

  /**
   * The counters of these windows with their limits brought up to date, or empty if one is missing.
   */
  private List<Counter> refresh(List<BudgetWindow> windows) {
    List<Counter> held = new ArrayList<>(windows.size());
    long now = System.nanoTime();
    for (BudgetWindow w : windows) {
      Counter c = counters.get(w.id());
      if (c == null) {
        return List.of();
      }
      c.window = w; // the key's limit may have changed since
      c.lastUsedNanos = now;
      held.add(c);
    }
    return held;
  }
}
