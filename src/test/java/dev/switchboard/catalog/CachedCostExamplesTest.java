package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.EnvInterpolation;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Usage;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each provider's own published usage examples (cache reads, cache writes, reasoning), priced with
 * the shipped catalog to the micro-dollar. The expected figures are worked by hand in the comments:
 * n tokens at $p per million cost n x p micro-dollars, summed exactly, rounded up once.
 */
class CachedCostExamplesTest {
  private static final Catalog CATALOG =
      Catalog.load(
          EnvInterpolation.apply(Catalog.shippedTree(), Map.of(), "shipped"), Json.object());

  private static PriceSheet prices(String model, String provider) {
    return CATALOG.deployment(model, provider).orElseThrow().prices();
  }

  // Anthropic, https://platform.claude.com/docs/en/build-with-claude/prompt-caching ("1-hour cache
  // duration"): usage {input_tokens: 2048, cache_read_input_tokens: 1800,
  // cache_creation_input_tokens:
  // 248, output_tokens: 503, cache_creation: {ephemeral_5m_input_tokens: 456,
  // ephemeral_1h_input_tokens: 100}}. The page says cache_creation_input_tokens is the sum of the
  // breakdown, yet prints 248 beside 456 + 100: each lifetime has its own price, so the breakdown
  // is
  // what is billed. Anthropic's input_tokens excludes the cache, so in OpenAI semantics the prompt
  // is
  // 2048 + 1800 + 456 + 100 = 4404.
  // Sonnet 4.6, https://platform.claude.com/docs/en/about-claude/pricing: $3 input, $0.30 cache
  // hit,
  // $3.75 5m write, $6 1h write, $15 output.
  //   2048 x 3 = 6144 + 1800 x 0.30 = 540 + 456 x 3.75 = 1710 + 100 x 6 = 600 + 503 x 15 = 7545
  //   = 16,539 micros ($0.016539), exact.
  @Test
  void anthropic_documentedUsageWithBothCacheLifetimes_onSonnet46() {
    Usage usage = Usage.reported(4_404, 503, 1_800, 0).withCacheWrites(456, 100);
    assertThat(prices("anthropic/claude-sonnet-4.6", "anthropic").cost(usage).micros())
        .isEqualTo(16_539);
  }

  // The same usage on Opus 4.6 (same pricing page: $5 input, $0.50 hit, $6.25 5m, $10 1h, $25 out):
  //   2048 x 5 = 10,240 + 1800 x 0.50 = 900 + 456 x 6.25 = 2850 + 100 x 10 = 1000 + 503 x 25 =
  // 12,575
  //   = 27,565 micros. A gateway that bills all writes at the 5-minute price charges 27,190;
  //   one that ignores the write premium, 26,495.
  @Test
  void anthropic_documentedUsageWithBothCacheLifetimes_onOpus46() {
    Usage usage = Usage.reported(4_404, 503, 1_800, 0).withCacheWrites(456, 100);
    assertThat(prices("anthropic/claude-opus-4.6", "anthropic").cost(usage).micros())
        .isEqualTo(27_565);
  }

  // Anthropic's multipliers, same pricing page ("Prompt caching"): a 5-minute write is 1.25x input,
  // a 1-hour write 2x, a cache hit 0.1x. One million tokens of each class on Sonnet 4.6:
  //   input $3 = 3,000,000; 5m write $3.75 = 3,750,000; 1h write $6 = 6,000,000;
  //   hit $0.30 = 300,000 micros.
  @Test
  void anthropic_cacheMultipliers_perMillionTokens_onSonnet46() {
    PriceSheet sonnet = prices("anthropic/claude-sonnet-4.6", "anthropic");
    long million = 1_000_000;
    assertThat(sonnet.cost(Usage.reported(million, 0, 0, 0)).micros()).isEqualTo(3_000_000);
    assertThat(sonnet.cost(Usage.reported(million, 0, 0, 0).withCacheWrites(million, 0)).micros())
        .isEqualTo(3_750_000);
    assertThat(sonnet.cost(Usage.reported(million, 0, 0, 0).withCacheWrites(0, million)).micros())
        .isEqualTo(6_000_000);
    assertThat(sonnet.cost(Usage.reported(million, 0, million, 0)).micros()).isEqualTo(300_000);
  }

  // OpenAI, https://platform.openai.com/docs/guides/prompt-caching: usage {prompt_tokens: 2006,
  // completion_tokens: 300, prompt_tokens_details: {cached_tokens: 1920},
  // completion_tokens_details:
  // {reasoning_tokens: 0}}; cached tokens are part of prompt_tokens, writes are free.
  // gpt-5, https://platform.openai.com/docs/pricing: $1.25 input, $0.125 cached input, $10 output.
  //   (2006 - 1920) x 1.25 = 107.5 + 1920 x 0.125 = 240 + 300 x 10 = 3000 = 3347.5 micros,
  //   billed 3348 (rounded up once). gpt-5-mini ($0.25 / $0.025 / $2):
  //   86 x 0.25 = 21.5 + 1920 x 0.025 = 48 + 300 x 2 = 600 = 669.5, billed 670.
  @Test
  void openAi_documentedCachedUsage_onGpt5AndGpt5Mini() {
    Usage usage = Usage.reported(2_006, 300, 1_920, 0);
    assertThat(prices("openai/gpt-5", "openai").cost(usage).micros()).isEqualTo(3_348);
    assertThat(prices("openai/gpt-5-mini", "openai").cost(usage).micros()).isEqualTo(670);
  }

  // OpenAI, https://developers.openai.com/api/docs/guides/reasoning ("Managing the context
  // window"): usage {input_tokens: 75, output_tokens: 1186, output_tokens_details:
  // {reasoning_tokens: 1024}, total_tokens: 1261}: reasoning is inside output (75 + 1186 = 1261)
  // and
  // billed as output. On gpt-5: 75 x 1.25 = 93.75 + 1186 x 10 = 11,860 = 11,953.75, billed 11,954.
  @Test
  void openAi_documentedReasoningUsage_billsReasoningAsOutput() {
    Usage usage = Usage.reported(75, 1_186, 0, 1_024);
    assertThat(prices("openai/gpt-5", "openai").cost(usage).micros()).isEqualTo(11_954);
  }

  // DeepSeek, https://api-docs.deepseek.com/quick_start/pricing: deepseek-chat (V3.2) per 1M
  // tokens:
  // input (cache hit) $0.028, input (cache miss) $0.28, output $0.42; "expense = number of tokens x
  // price"; deepseek-reasoner's output count includes its chain of thought, priced the same.
  // DeepSeek publishes no worked example with token counts, so: the per-million rows, then a usage
  // shaped like its API's (prompt_tokens = prompt_cache_hit_tokens + prompt_cache_miss_tokens):
  // hit 1000, miss 200, completion 300 of which 250 reasoning:
  //   200 x 0.28 = 56 + 1000 x 0.028 = 28 + 300 x 0.42 = 126 = 210 micros, exact.
  @Test
  void deepSeek_cacheHitAndMissPrices() {
    PriceSheet deepseek = prices("deepseek/deepseek-v3.2", "deepseek");
    long million = 1_000_000;
    assertThat(deepseek.cost(Usage.reported(million, 0, million, 0)).micros()).isEqualTo(28_000);
    assertThat(deepseek.cost(Usage.reported(million, 0, 0, 0)).micros()).isEqualTo(280_000);
    assertThat(deepseek.cost(Usage.reported(0, million, 0, 0)).micros()).isEqualTo(420_000);
    assertThat(deepseek.cost(Usage.reported(1_200, 300, 1_000, 250)).micros()).isEqualTo(210);
  }

  // Google, https://ai.google.dev/gemini-api/docs/caching: usage_metadata {prompt_token_count:
  // 696219, cached_content_token_count: 696190, candidates_token_count: 214, total_token_count:
  // 696433}; the prompt count includes the cached tokens (696219 + 214 = 696433).
  // Gemini 2.5 Flash, https://ai.google.dev/gemini-api/docs/pricing: $0.30 input, $0.03 context
  // caching, $2.50 output (thinking included); no write charge (the hourly storage fee is not
  // per request and is not modelled).
  //   29 x 0.30 = 8.7 + 696190 x 0.03 = 20,885.7 + 214 x 2.50 = 535 = 21,429.4, billed 21,430.
  @Test
  void gemini_documentedContextCachingUsage_onFlash() {
    Usage usage = Usage.reported(696_219, 214, 696_190, 0);
    assertThat(prices("google/gemini-2.5-flash", "google").cost(usage).micros()).isEqualTo(21_430);
  }

  // Google's Firebase AI Logic docs print a Gemini answer's usageMetadata,
  // https://firebase.google.com/docs/ai-logic/server-prompt-templates/get-started:
  // {promptTokenCount: 34, candidatesTokenCount: 418, thoughtsTokenCount: 438, totalTokenCount:
  // 890}: Gemini counts thoughts beside the candidates (34 + 418 + 438 = 890), and the pricing page
  // bills them as output, so the canonical completion is 418 + 438 = 856 with 438 reasoning.
  // At the Gemini 2.5 Flash list prices: 34 x 0.30 = 10.2 + 856 x 2.50 = 2140 = 2150.2, billed
  // 2151.
  // Pricing only the candidates (a common bug) would bill 1055.2 -> 1056.
  @Test
  void gemini_thinkingTokens_areBilledAsOutput() {
    Usage usage = Usage.reported(34, 418 + 438, 0, 438);
    assertThat(prices("google/gemini-2.5-flash", "google").cost(usage).micros()).isEqualTo(2_151);
  }
}
