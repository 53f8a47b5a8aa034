package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Seeded strings, integers and numbers within a schema's bounds: minimum/maximum (inclusive, and
 * exclusive in both the draft-4 boolean and the later numeric form), multipleOf, minLength and
 * maxLength, and plausible values for the common string formats. Strings are ASCII.
 */
final class SchemaScalars {
  // Far inside long and double precision, so bound arithmetic never overflows.
  private static final long LIMIT = 1_000_000_000_000L;
  private static final long SPAN = 99;
  private static final long EPOCH_2025 = 1_735_689_600L;
  private static final long TWO_YEARS = 2 * 365 * 86_400L;
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private SchemaScalars() {}

  static JsonNode integer(JsonNode schema, SplittableRandom random) {
    Bounds bounds = bounds(schema, 1);
    long low = bounds.low();
    long high = bounds.high();
    long step = Math.abs(schema.path("multipleOf").asLong(1));
    if (step > 1) {
      long first = Math.ceilDiv(low, step);
      long last = Math.floorDiv(high, step);
      return LongNode.valueOf(step * (first > last ? first : between(random, first, last)));
    }
    return LongNode.valueOf(between(random, low, high));
  }

  /** A number with at most two decimals, or a whole multiple of multipleOf. */
  static JsonNode number(JsonNode schema, SplittableRandom random) {
    JsonNode step = schema.path("multipleOf");
    if (step.isNumber() && step.decimalValue().signum() > 0) {
      Bounds bounds = bounds(schema, step.doubleValue());
      BigDecimal unit = step.decimalValue();
      double first = Math.ceil(bounds.lowExact() / unit.doubleValue());
      double last = Math.min(Math.floor(bounds.highExact() / unit.doubleValue()), first + SPAN);
      long k = first > last ? (long) first : between(random, (long) first, (long) last);
      return DecimalNode.valueOf(
          new BigDecimal(unit.multiply(BigDecimal.valueOf(k)).toPlainString()));
    }
    Bounds bounds = bounds(schema, 0.01);
    long lowCents = (long) Math.ceil(bounds.lowExact() * 100);
    long highCents = (long) Math.floor(bounds.highExact() * 100);
    long cents = lowCents > highCents ? lowCents : between(random, lowCents, highCents);
    return DoubleNode.valueOf(cents / 100.0);
  }

  static JsonNode string(JsonNode schema, SplittableRandom random) {
    String text = formatted(schema.path("format").asText(""), random);
    int min = Math.clamp(schema.path("minLength").asInt(0), 0, 10_000);
    int max = Math.max(min, schema.path("maxLength").asInt(Integer.MAX_VALUE));
    StringBuilder padded = new StringBuilder(text);
    while (padded.length() < min) {
      padded.append(' ').append(TextGenerator.word(random));
    }
    String value = padded.length() > max ? padded.substring(0, max) : padded.toString();
    return TextNode.valueOf(value);
  }

  private static String formatted(String format, SplittableRandom random) {
    return switch (format) {
      case "date-time" -> DATE_TIME.format(instant(random));
      case "date" -> DATE_TIME.format(instant(random)).substring(0, 10);
      case "time" -> DATE_TIME.format(instant(random)).substring(11);
      case "email", "idn-email" -> TextGenerator.word(random) + "@example.com";
      case "uri", "url", "iri", "uri-reference", "iri-reference" ->
          "https://example.com/" + TextGenerator.word(random);
      case "hostname", "idn-hostname" -> TextGenerator.word(random) + ".example.com";
      case "ipv4" -> "192.0.2." + (1 + random.nextInt(254));
      case "ipv6" -> "2001:db8::" + Integer.toHexString(1 + random.nextInt(0xfffe));
      case "uuid" -> uuid(random);
      case "duration" -> "PT" + (1 + random.nextInt(59)) + "M";
      default -> TextGenerator.word(random) + " " + TextGenerator.word(random);
    };
  }

  private static Instant instant(SplittableRandom random) {
    return Instant.ofEpochSecond(EPOCH_2025 + random.nextLong(TWO_YEARS));
  }

  private static String uuid(SplittableRandom random) {
    String hex = Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    String more = Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    return hex.substring(0, 8)
        + "-"
        + hex.substring(8, 12)
        + "-4"
        + hex.substring(13, 16)
        + "-a"
        + more.substring(1, 4)
        + "-"
        + more.substring(4, 16);
  }

  /**
   * The inclusive range a value may take; {@code gap} is how far inside an exclusive bound to stay.
   * With no bounds at all the range is 1 to 100, a typical count, page or id.
   */
  private static Bounds bounds(JsonNode schema, double gap) {
    double low = Double.NEGATIVE_INFINITY;
    double high = Double.POSITIVE_INFINITY;
    JsonNode exclusiveMin = schema.path("exclusiveMinimum");
    JsonNode exclusiveMax = schema.path("exclusiveMaximum");
    if (schema.path("minimum").isNumber()) {
      low =
          schema.path("minimum").asDouble()
              + (exclusiveMin.isBoolean() && exclusiveMin.booleanValue() ? gap : 0);
    }
    if (exclusiveMin.isNumber()) {
      low = Math.max(low, exclusiveMin.asDouble() + gap);
    }
    if (schema.path("maximum").isNumber()) {
      high =
          schema.path("maximum").asDouble()
              - (exclusiveMax.isBoolean() && exclusiveMax.booleanValue() ? gap : 0);
    }
    if (exclusiveMax.isNumber()) {
      high = Math.min(high, exclusiveMax.asDouble() - gap);
    }
    if (Double.isInfinite(low)) {
      low = Double.isInfinite(high) ? 1 : Math.min(1, high - SPAN);
    }
    if (Double.isInfinite(high)) {
      high = low + SPAN;
    }
    low = Math.clamp(low, -LIMIT, LIMIT);
    high = Math.clamp(high, low, Math.max(low, LIMIT));
    return new Bounds(low, high);
  }

  private static long between(SplittableRandom random, long low, long high) {
    return high <= low ? low : low + random.nextLong(high - low + 1);
  }

  /** A closed range; {@code low()}/{@code high()} are the whole numbers inside it. */
  private record Bounds(double lowExact, double highExact) {
    long low() {
      return (long) Math.ceil(lowExact);
    }

    long high() {
      return Math.max(low(), (long) Math.floor(highExact));
    }
  }
}
