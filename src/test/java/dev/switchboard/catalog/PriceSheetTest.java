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
  private record ListPrice(BigDecimal input, BigDecimal output, BigDecimal cachedInput) {
    static ListPrice of(JsonNode price) {
      BigDecimal input = decimal(price.get("input"));
      return new ListPrice(
          input,
          decimal(price.get("output")),
          price.has("cached_input") ? decimal(price.get("cached_input")) : input);
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
  void cost_failsLoudly_insteadOfOverflowing() {
    PriceSheet opus = sheet("5", "25", "0.50");
    assertThatThrownBy(() -> opus.cost(Usage.reported(Long.MAX_VALUE / 2, 0, 0, 0)))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void of_pricesCachedInputAsInput() {
    assertThat(PriceSheet.of(Price.perMillion("3"), Price.perMillion("15")).cachedInput())
        .isEqualTo(Price.perMillion("3"));
  }

  /**
   * ceil(((prompt - cached) * input + cached * cachedInput + completion * output) / 1e6 USD) in
   * micros.
   */
  private static long expectedMicros(ListPrice p, Usage u) {
    BigDecimal cached = BigDecimal.valueOf(u.cachedPromptTokens());
    BigDecimal usdTimesMillion =
        BigDecimal.valueOf(u.promptTokens())
            .subtract(cached)
            .multiply(p.input())
            .add(cached.multiply(p.cachedInput()))
            .add(BigDecimal.valueOf(u.completionTokens()).multiply(p.output()));
    BigDecimal usd = usdTimesMillion.divide(BigDecimal.valueOf(1_000_000));
    return usd.multiply(BigDecimal.valueOf(1_000_000))
        .setScale(0, RoundingMode.CEILING)
        .longValueExact();
  }

  /**
   * Zero, tiny, typical, round and huge (~1e9) counts, with cached <= prompt and reasoning <=
   * completion.
   */
  private static Usage randomUsage(Random random) {
    long prompt = tokens(random);
    long completion = tokens(random);
    long cached =
        switch (random.nextInt(4)) {
          case 0 -> 0;
          case 1 -> prompt;
          default -> prompt == 0 ? 0 : random.nextLong(prompt + 1);
        };
    long reasoning = completion == 0 ? 0 : random.nextLong(completion + 1);
    return Usage.reported(prompt, completion, cached, reasoning);
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
        Price.perMillion(input), Price.perMillion(output), Price.perMillion(cached));
  }
}
