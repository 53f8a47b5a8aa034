package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.EnvInterpolation;
import dev.switchboard.money.Price;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PriceSheetTest {
  private static final JsonNode SHIPPED =
      EnvInterpolation.apply(Catalog.shippedTree(), Map.of(), "shipped");
  private static final Catalog CATALOG = Catalog.load(SHIPPED, Json.object());
  private static final int CASES_PER_DEPLOYMENT = 400;

  /**
   * The USD decimals as written in catalog.yaml, read without going through Price or PriceSheet.
   */
  private record ListPrice(
      BigDecimal input,
      BigDecimal output,
      BigDecimal cachedInput,
      BigDecimal cacheWrite5m,
      BigDecimal cacheWrite1h) {
    static ListPrice of(JsonNode price) {
      BigDecimal input = decimal(price.get("input"));
      return new ListPrice(
          input,
          decimal(price.get("output")),
          orInput(price, "cached_input", input),
          orInput(price, "cache_write", input),
          orInput(price, "cache_write_1h", input));
    }

    private static BigDecimal orInput(JsonNode price, String key, BigDecimal input) {
      return price.has(key) ? decimal(price.get(key)) : input;
    }

    private static BigDecimal decimal(JsonNode n) {
      return n.isTextual() ? new BigDecimal(n.asText()) : n.decimalValue();
    }
  }

  @Test
  void cost_equalsExactCeilingOfTheListPrices_forSeededRandomUsages_acrossTheShippedTable() {
    List<Deployment> deployments = CATALOG.deployments();
    JsonNode written = SHIPPED.get("deployments");
    assertThat(deployments).hasSize(written.size());
    Random random = new Random(0x5B0A_2026L);
    int checked = 0;
    for (int d = 0; d < deployments.size(); d++) {
      PriceSheet sheet = deployments.get(d).prices();
      ListPrice list = ListPrice.of(written.get(d).get("price"));
      for (int i = 0; i < CASES_PER_DEPLOYMENT; i++) {
        Usage usage = randomUsage(random);
        assertThat(sheet.cost(usage).micros())
            .as(
                "%s at %s, %s",
                deployments.get(d).modelId(), deployments.get(d).providerId(), usage)
            .isEqualTo(expectedMicros(list, usage));
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(5_000);
  }

  @Test
  void cost_handChecked() {
    PriceSheet deepseek = sheet("0.28", "0.42", "0.028");
    assertThat(deepseek.cost(Usage.reported(1_000_000, 0, 0, 0)).micros()).isEqualTo(280_000);
    assertThat(deepseek.cost(Usage.reported(1, 0, 0, 0)).micros())
        .as("0.28 micro rounds up")
        .isEqualTo(1);
    assertThat(deepseek.cost(Usage.reported(0, 0, 0, 0)).micros()).isZero();
    assertThat(deepseek.cost(Usage.reported(1, 1, 0, 0)).micros())
        .as("0.70 micro, rounded once")
        .isEqualTo(1);
    assertThat(deepseek.cost(Usage.reported(1_000_000, 0, 800_000, 0)).micros())
        .as("200k at 0.28 + 800k at 0.028")
        .isEqualTo(56_000 + 22_400);
    PriceSheet gpt5 = sheet("1.25", "10", "0.125");
    assertThat(gpt5.cost(Usage.reported(10_000, 500, 2_000, 300)).micros())
        .as("8000 x 1.25 + 2000 x 0.125 + 500 x 10; reasoning is inside completion")
        .isEqualTo(15_250);
    PriceSheet opus = sheet("5", "25", "0.50");
    assertThat(opus.cost(Usage.reported(0, 1_000, 0, 0)).micros()).isEqualTo(25_000);
    assertThat(opus.cost(Usage.reported(1_000_000_000L, 1_000_000_000L, 0, 0)).micros())
        .as("a billion tokens each way: $5,000 + $25,000")
        .isEqualTo(30_000_000_000L);
    assertThat(PriceSheet.of(Price.FREE, Price.FREE).cost(Usage.reported(123, 456, 7, 0)).micros())
        .isZero();
  }

  @Test
  void cost_billsAtMostThePromptAsCached_whenAProviderOverReportsCache() {
    PriceSheet deepseek = sheet("0.28", "0.42", "0.028");
    assertThat(deepseek.cost(Usage.reported(1_000_000, 0, 5_000_000, 0)).micros())
        .isEqualTo(28_000);
  }

  @Test
  void cost_billsExactlyThePrompt_whenReadsAndWritesOverReportIt() {
    PriceSheet sonnet =
        new PriceSheet(
            Price.perMillion("3"),
            Price.perMillion("15"),
            Price.perMillion("0.30"),
            Price.perMillion("3.75"),
            Price.perMillion("6"));
    // 1,000 prompt tokens: 600 read, then 400 of the 700 5-minute writes, and no room left for the
    // 1-hour writes: 600 x $0.30/M + 400 x $3.75/M = 180 + 1,500 micros.
    Usage overReported = Usage.reported(1_000, 0, 600, 0).withCacheWrites(700, 500);
    assertThat(sonnet.cost(overReported).micros()).isEqualTo(1_680);
    // Consistent counts: 300 uncached, 600 read, 100 written for 5 minutes = 900 + 180 + 375.
    assertThat(sonnet.cost(Usage.reported(1_000, 0, 600, 0).withCacheWrites(100, 0)).micros())
        .isEqualTo(1_455);
    // Writes alone beyond the prompt: all 1,000 at the 5-minute price, none at the 1-hour one.
    assertThat(sonnet.cost(Usage.reported(1_000, 0, 0, 0).withCacheWrites(1_000, 1_000)).micros())
        .isEqualTo(3_750);
  }

  @Test
  void cost_failsLoudly_insteadOfOverflowing() {
    PriceSheet opus = sheet("5", "25", "0.50");
    assertThatThrownBy(() -> opus.cost(Usage.reported(Long.MAX_VALUE / 2, 0, 0, 0)))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void of_pricesCacheReadsAndWritesAsInput() {
    PriceSheet plain = PriceSheet.of(Price.perMillion("3"), Price.perMillion("15"));
    assertThat(plain.cachedInput()).isEqualTo(Price.perMillion("3"));
    assertThat(plain.cacheWrite5m()).isEqualTo(Price.perMillion("3"));
    assertThat(plain.cacheWrite1h()).isEqualTo(Price.perMillion("3"));
    Usage cachedAndWritten = Usage.reported(1_000, 10, 300, 0).withCacheWrites(200, 100);
    assertThat(plain.cost(cachedAndWritten)).isEqualTo(plain.cost(Usage.reported(1_000, 10, 0, 0)));
  }

  /**
   * ceil(((prompt - reads - writes) * input + reads * cachedInput + writes5m * cacheWrite5m +
   * writes1h * cacheWrite1h + completion * output) / 1e6 USD) in micros; the generated usages never
   * report more cached than prompt tokens, so no clamping applies.
   */
  private static long expectedMicros(ListPrice p, Usage u) {
    BigDecimal reads = BigDecimal.valueOf(u.cachedPromptTokens());
    BigDecimal writes5m = BigDecimal.valueOf(u.cacheWrite5mTokens());
    BigDecimal writes1h = BigDecimal.valueOf(u.cacheWrite1hTokens());
    BigDecimal usdTimesMillion =
        BigDecimal.valueOf(u.promptTokens())
            .subtract(reads)
            .subtract(writes5m)
            .subtract(writes1h)
            .multiply(p.input())
            .add(reads.multiply(p.cachedInput()))
            .add(writes5m.multiply(p.cacheWrite5m()))
            .add(writes1h.multiply(p.cacheWrite1h()))
            .add(BigDecimal.valueOf(u.completionTokens()).multiply(p.output()));
    BigDecimal usd = usdTimesMillion.divide(BigDecimal.valueOf(1_000_000));
    return usd.multiply(BigDecimal.valueOf(1_000_000))
        .setScale(0, RoundingMode.CEILING)
        .longValueExact();
  }

  /**
   * Zero, tiny, typical, round and huge (~1e9) counts, with reads + writes <= prompt and reasoning
   * <= completion.
   */
  private static Usage randomUsage(Random random) {
    long prompt = tokens(random);
    long completion = tokens(random);
    long reads = part(random, prompt);
    long writes5m = part(random, prompt - reads);
    long writes1h = part(random, prompt - reads - writes5m);
    long reasoning = completion == 0 ? 0 : random.nextLong(completion + 1);
    return Usage.reported(prompt, completion, reads, reasoning).withCacheWrites(writes5m, writes1h);
  }

  /** None, all, or a random share of what is left. */
  private static long part(Random random, long left) {
    return switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> left;
      default -> left == 0 ? 0 : random.nextLong(left + 1);
    };
  }

  private static long tokens(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> 0;
      case 1 -> 1 + random.nextInt(9);
      case 2 -> random.nextInt(200_000);
      case 3 -> 1_000_000L * random.nextInt(5);
      case 4 -> 999_000_000L + random.nextInt(2_000_001);
      default -> random.nextLong(2_000_000_000L);
    };
  }

  private static PriceSheet sheet(String input, String output, String cached) {
    return new PriceSheet(
        Price.perMillion(input),
        Price.perMillion(output),
        Price.perMillion(cached),
        Price.perMillion(input),
        Price.perMillion(input));
  }
}
