package dev.switchboard.bench;

import dev.switchboard.account.ApiKey;
import dev.switchboard.account.KeyRules;
import dev.switchboard.budget.BudgetWindow;
import dev.switchboard.budget.BudgetWindows;
import dev.switchboard.budget.Budgets;
import dev.switchboard.budget.MemoryBudgets;
import dev.switchboard.budget.Reservation;
import dev.switchboard.budget.sql.SqlBudgets;
import dev.switchboard.ratelimit.Permit;
import dev.switchboard.ratelimit.RateLimiter;
import dev.switchboard.ratelimit.RateLimiters;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.postgresql.PostgresDatabase;
import dev.switchboard.storage.postgresql.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * What a request's limits cost on its path, one request at a time (the added latency a single agent
 * sees): a budget reservation and its release in memory (one node) and in PostgreSQL (a cluster),
 * and a rate-limit permit in process and in Redis, with requests per minute only and with all three
 * limits. Prints microseconds per request (median and p99 of OPS sequential requests after WARM
 * ones). Run by bench/limits.sh; needs the test PostgreSQL and Redis.
 */
public final class LimitsBench {
  private LimitsBench() {}

  public static void main(String[] args) throws Exception {
    int warm = Integer.getInteger("warm", 2_000);
    int ops = Integer.getInteger("ops", 5_000);
    ApiKey budgeted = key(KeyRules.builder().limitMicros(OptionalLong.of(1_000_000_000_000L)));
    System.out.printf("%-40s %10s %10s%n", "step (one request at a time)", "p50 us", "p99 us");
    try (Budgets memory = MemoryBudgets.create((k, from, session) -> 0L)) {
      report(
          "budget reservation, memory (SQLite node)", warm, ops, () -> reserve(memory, budgeted));
    }
    try (TestPostgres schema = TestPostgres.schema();
        Database database = PostgresDatabase.open(schema.url(), Duration.ofSeconds(1));
        SqlBudgets sql = SqlBudgets.open(database, Duration.ofSeconds(60))) {
      report("budget reservation, PostgreSQL", warm, ops, () -> reserve(sql, budgeted));
    }
    ApiKey rpm = key(KeyRules.builder().rpm(OptionalInt.of(1_000_000_000)));
    ApiKey all =
        key(
            KeyRules.builder()
                .rpm(OptionalInt.of(1_000_000_000))
                .tpm(OptionalLong.of(1_000_000_000_000L))
                .concurrency(OptionalInt.of(1_000_000)));
    try (RateLimiter local = RateLimiters.local()) {
      report("rate limits in process, rpm", warm, ops, () -> permit(local, rpm));
      report("rate limits in process, rpm+tpm+conc.", warm, ops, () -> permit(local, all));
    }
    String prefix = "sbbench:" + UUID.randomUUID() + ":";
    try (RateLimiter redis = RateLimiters.redis("redis://127.0.0.1:6379", prefix)) {
      report("rate limits in Redis, rpm", warm, ops, () -> permit(redis, rpm));
      report("rate limits in Redis, rpm+tpm+conc.", warm, ops, () -> permit(redis, all));
    }
  }

  private static void reserve(Budgets budgets, ApiKey key) {
    List<BudgetWindow> windows =
        BudgetWindows.of(key, Optional.empty(), Instant.now(), ZoneOffset.UTC);
    Reservation held = budgets.reserve(UUID.randomUUID().toString(), windows, 1_000).join();
    budgets.settled(held, 0);
  }

  private static void permit(RateLimiter limiter, ApiKey key) {
    Permit permit = limiter.acquire(key, 300).join();
    permit.release(300);
  }

  private static ApiKey key(KeyRules.Builder rules) {
    return new ApiKey(
        "key_bench" + UUID.randomUUID().toString().substring(0, 8),
        "bench",
        "sk-sb-v1-x…",
        0,
        Instant.now(),
        Optional.empty(),
        rules.build(),
        false);
  }

  private static void report(String name, int warm, int ops, Runnable step) {
    for (int i = 0; i < warm; i++) {
      step.run();
    }
    long[] nanos = new long[ops];
    for (int i = 0; i < ops; i++) {
      long start = System.nanoTime();
      step.run();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf(
        "%-40s %10.1f %10.1f%n", name, nanos[ops / 2] / 1e3, nanos[ops * 99 / 100] / 1e3);
  }
}
