package dev.switchboard.catalog;

import dev.switchboard.config.ConfigNode;
import dev.switchboard.money.Price;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads merged catalog entries into records, rejecting unknown keys, wrong types and bad values.
 */
final class CatalogParser {
  static final List<String> FORMATS = List.of("openai", "anthropic", "gemini");

  private static final List<String> MODEL_KEYS =
      List.of(
          "id",
          "name",
          "author",
          "origin_country",
          "context_length",
          "max_output_tokens",
          "open_weights",
          "total_params",
          "active_params",
          "input_modalities",
          "output_modalities",
          "supported_parameters",
          "description",
          "created",
          "first_token_timeout",
          "enabled");
  private static final List<String> PROVIDER_KEYS =
      List.of(
          "id",
          "name",
          "format",
          "base_url",
          "api_key",
          "auth",
          "jurisdiction",
          "data_policy",
          "enabled");
  private static final List<String> POLICY_KEYS =
      List.of("retains_prompts", "trains_on_prompts", "zero_retention");
  private static final List<String> DEPLOYMENT_KEYS =
      List.of(
          "model",
          "provider",
          "upstream_model",
          "price",
          "context_length",
          "max_output_tokens",
          "quantization",
          "supported_parameters",
          "enabled");
  private static final List<String> PRICE_KEYS =
      List.of("input", "output", "cached_input", "cache_write", "cache_write_1h");

  private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._-]+/[A-Za-z0-9._-]+");
  private static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern PARAMS = Pattern.compile("(\\d+(?:\\.\\d+)?)([MBT])");

  /** The energy constants when the catalog declares none (see catalog.yaml, section energy). */
  static final EnergyAssumptions DEFAULT_ENERGY =
      new EnergyAssumptions(989e12, 700, 0.3, 1.2, 100_000_000_000L);

  private static final Pattern ELECTRICITY_COUNTRY = Pattern.compile("[A-Z]{2}|WORLD");

  private CatalogParser() {}

  static Electricity electricity(CatalogMerge.Entry entry) {
    ConfigNode n = node(entry);
    n.allowOnly(List.of("country", "price_usd_per_kwh", "grid_g_per_kwh", "enabled"));
    String country = n.requiredString("country");
    if (!ELECTRICITY_COUNTRY.matcher(country).matches()) {
      throw n.error("country", "expected an ISO 3166 alpha-2 code or WORLD, got " + country);
    }
    return new Electricity(
        country, nonNegative(n, "price_usd_per_kwh"), nonNegative(n, "grid_g_per_kwh"));
  }

  static EnergyAssumptions energy(CatalogMerge.Entry entry) {
    ConfigNode n = node(entry);
    n.allowOnly(List.of("peak_flops", "watts", "utilization", "pue", "default_active_params"));
    EnergyAssumptions d = DEFAULT_ENERGY;
    try {
      return new EnergyAssumptions(
          n.decimal("peak_flops").map(BigDecimal::doubleValue).orElse(d.peakFlops()),
          n.decimal("watts").map(BigDecimal::doubleValue).orElse(d.watts()),
          n.decimal("utilization").map(BigDecimal::doubleValue).orElse(d.utilization()),
          n.decimal("pue").map(BigDecimal::doubleValue).orElse(d.pue()),
          params(n, "default_active_params").orElse(d.defaultActiveParams()));
    } catch (IllegalArgumentException e) {
      throw n.error(String.valueOf(e.getMessage()));
    }
  }

  private static double nonNegative(ConfigNode n, String key) {
    BigDecimal value = n.decimal(key).orElseThrow(() -> n.error(key, "is required"));
    if (value.signum() < 0) {
      throw n.error(key, "cannot be negative");
    }
    return value.doubleValue();
  }

  static Model model(CatalogMerge.Entry entry) {
    ConfigNode n = node(entry);
    n.allowOnly(MODEL_KEYS);
    String id = n.requiredString("id");
    if (!MODEL_ID.matcher(id).matches()) {
      throw n.error("id", "expected author/slug (letters, digits, . _ -), got \"" + id + "\"");
    }
    int contextLength =
        positiveInt(n, "context_length")
            .orElseThrow(() -> n.error("context_length", "is required"));
    return new Model(
        id,
        n.requiredString("name"),
        n.requiredString("author"),
        country(n, "origin_country"),
        contextLength,
        positiveInt(n, "max_output_tokens"),
        n.bool("open_weights").orElse(false),
        params(n, "total_params"),
        params(n, "active_params"),
        modalities(n, "input_modalities"),
        modalities(n, "output_modalities"),
        n.strings("supported_parameters"),
        n.string("description").orElse(""),
        created(n),
        firstTokenTimeout(n));
  }

  /** How long a stream of this model may go without content: for models that reason silently. */
  private static Optional<java.time.Duration> firstTokenTimeout(ConfigNode n) {
    Optional<java.time.Duration> timeout = n.duration("first_token_timeout");
    if (timeout.isPresent() && (timeout.get().isZero() || timeout.get().isNegative())) {
      throw n.error("first_token_timeout", "must be longer than zero");
    }
    return timeout;
  }

  static Provider provider(CatalogMerge.Entry entry) {
    ConfigNode n = node(entry);
    n.allowOnly(PROVIDER_KEYS);
    String id = n.requiredString("id");
    if (!PROVIDER_ID.matcher(id).matches()) {
      throw n.error("id", "expected lower-case letters, digits, _ and -, got \"" + id + "\"");
    }
    String format = n.requiredString("format");
    if (!FORMATS.contains(format)) {
      throw n.error(
          "format",
          "unknown format \""
              + format
              + "\" (expected one of: "
              + String.join(", ", FORMATS)
              + ")");
    }
    String auth = n.string("auth").orElse("api_key");
    if (!auth.equals("api_key") && !auth.equals("none")) {
      throw n.error("auth", "expected api_key or none, got \"" + auth + "\"");
    }
    String jurisdiction = n.requiredString("jurisdiction");
    if (!jurisdiction.equals("local") && !COUNTRY.matcher(jurisdiction).matches()) {
      throw n.error(
          "jurisdiction",
          "expected an ISO 3166 alpha-2 country (US, CN, ...) or local, got \""
              + jurisdiction
              + "\"");
    }
    Optional<String> apiKey = n.string("api_key").filter(key -> !key.isBlank());
    return new Provider(
        id,
        n.requiredString("name"),
        format,
        baseUrl(n),
        apiKey,
        jurisdiction,
        dataPolicy(n),
        auth.equals("none"));
  }

  static Deployment deployment(CatalogMerge.Entry entry) {
    ConfigNode n = node(entry);
    n.allowOnly(DEPLOYMENT_KEYS);
    ConfigNode price = n.object("price").orElseThrow(() -> n.error("price", "is required"));
    return new Deployment(
        n.requiredString("model"),
        n.requiredString("provider"),
        n.requiredString("upstream_model"),
        priceSheet(price),
        positiveInt(n, "context_length"),
        positiveInt(n, "max_output_tokens"),
        quantization(n),
        n.has("supported_parameters")
            ? Optional.of(n.strings("supported_parameters"))
            : Optional.empty());
  }

  /** OpenRouter's quantization names; {@code unknown} when the provider does not say. */
  private static String quantization(ConfigNode n) {
    String value = n.has("quantization") ? n.requiredString("quantization") : "unknown";
    if (!Deployment.QUANTIZATIONS.contains(value)) {
      throw n.error(
          "quantization",
          "expected one of " + Deployment.QUANTIZATIONS + ", got \"" + value + "\"");
    }
    return value;
  }

  /**
   * A price block; cache reads and writes a provider does not price separately cost the same as
   * input (no discount, no write premium).
   */
  private static PriceSheet priceSheet(ConfigNode price) {
    price.allowOnly(PRICE_KEYS);
    Price input = price(price, "input").orElseThrow(() -> price.error("input", "is required"));
    Price output = price(price, "output").orElseThrow(() -> price.error("output", "is required"));
    return new PriceSheet(
        input,
        output,
        price(price, "cached_input").orElse(input),
        price(price, "cache_write").orElse(input),
        price(price, "cache_write_1h").orElse(input));
  }

  private static OptionalInt positiveInt(ConfigNode n, String key) {
    return n.integer(key, 1, Integer.MAX_VALUE);
  }

  private static ConfigNode node(CatalogMerge.Entry entry) {
    return ConfigNode.of(entry.node(), entry.path(), CatalogException::new);
  }

  /** USD per million tokens, read exactly from its decimal digits; must be whole micro-dollars. */
  private static Optional<Price> price(ConfigNode n, String key) {
    return n.decimal(key)
        .map(
            usd -> {
              if (usd.signum() < 0) {
                throw n.error(key, "a price cannot be negative, got " + usd.toPlainString());
              }
              try {
                return new Price(usd.movePointRight(6).longValueExact());
              } catch (ArithmeticException e) {
                throw n.error(
                    key,
                    "expected USD per million tokens in whole micro-dollars (at most 6 decimals), got "
                        + usd.toPlainString());
              }
            });
  }

  private static DataPolicy dataPolicy(ConfigNode n) {
    return n.object("data_policy")
        .map(
            p -> {
              p.allowOnly(POLICY_KEYS);
              return new DataPolicy(
                  p.bool("retains_prompts"), p.bool("trains_on_prompts"), p.bool("zero_retention"));
            })
        .orElse(DataPolicy.UNKNOWN);
  }

  /** An absolute http(s) URL; a trailing slash is dropped so formats can append "/path". */
  private static String baseUrl(ConfigNode n) {
    String url = n.requiredString("base_url").trim();
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (uri.getHost() == null || (!"http".equals(scheme) && !"https".equals(scheme))) {
        throw n.error("base_url", "expected an absolute http or https URL, got \"" + url + "\"");
      }
    } catch (URISyntaxException e) {
      throw n.error("base_url", "not a valid URL: \"" + url + "\"");
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String country(ConfigNode n, String key) {
    String code = n.requiredString(key);
    if (!COUNTRY.matcher(code).matches()) {
      throw n.error(
          key, "expected an ISO 3166 alpha-2 country code (US, CN, ...), got \"" + code + "\"");
    }
    return code;
  }

  private static List<String> modalities(ConfigNode n, String key) {
    List<String> values = n.strings(key);
    return values.isEmpty() ? List.of("text") : values;
  }

  /** A parameter count: a whole number, or text such as "671B", "1T", "229.9B". */
  private static OptionalLong params(ConfigNode n, String key) {
    if (!n.has(key)) {
      return OptionalLong.empty();
    }
    Matcher m = PARAMS.matcher(n.string(key).orElse("").trim());
    if (!m.matches()) {
      return n.integer(key, 1L, Long.MAX_VALUE);
    }
    int exponent =
        switch (m.group(2)) {
          case "M" -> 6;
          case "B" -> 9;
          default -> 12;
        };
    try {
      return OptionalLong.of(new BigDecimal(m.group(1)).movePointRight(exponent).longValueExact());
    } catch (ArithmeticException e) {
      throw n.error(key, "not a whole number of parameters: \"" + m.group() + "\"");
    }
  }

  /** Release date: epoch seconds, or an ISO date such as 2025-12-01 (midnight UTC). */
  private static long created(ConfigNode n) {
    Optional<String> text = n.string("created").map(String::trim);
    if (text.isEmpty() || text.get().matches("\\d+")) {
      return n.integer("created", 0L, Long.MAX_VALUE).orElse(0L);
    }
    try {
      return LocalDate.parse(text.get()).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    } catch (DateTimeParseException e) {
      throw n.error(
          "created",
          "expected a date such as 2025-12-01 or epoch seconds, got \"" + text.get() + "\"");
    }
  }
}
