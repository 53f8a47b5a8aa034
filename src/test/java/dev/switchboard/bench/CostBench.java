package dev.switchboard.bench;

import dev.switchboard.catalog.PriceSheet;
import dev.switchboard.money.Money;
import dev.switchboard.money.Price;
import dev.switchboard.wire.Usage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost arithmetic of settling one request, as gateway.Settlement does it: the deployment's
 * price sheet applied to the reported usage (exact pico-dollars, rounded up once), the amount in
 * dollars for the client's usage object, and the priced usage. Run with bench/jmh.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CostBench {
  private PriceSheet prices;
  private Usage usage;

  @Setup
  public void setUp() {
    prices =
        new PriceSheet(
            Price.perMillion("3"),
            Price.perMillion("15"),
            Price.perMillion("0.30"),
            Price.perMillion("3.75"),
            Price.perMillion("6"));
    usage = Usage.reported(12_345, 678, 8_000, 0).withCacheWrites(2_000, 0);
  }

  /** PriceSheet.cost: the ledger's figure in micro-dollars. */
  @Benchmark
  public Money cost() {
    return prices.cost(usage);
  }

  /** What Settlement does per request: the cost, in dollars, on the usage the client gets. */
  @Benchmark
  public Usage pricedUsage() {
    return usage.withCost(prices.cost(usage).toUsd());
  }
}
