package dev.switchboard.autoroute;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import java.util.Map;
import java.util.Optional;

/**
 * A request's {@code auto} option: the quality it wants, from 0 (always the weak tier) to 1 (always
 * the strong one), as {@code {"quality": 0.7}}, {@code {"tier": "premium"}} or just {@code
 * "premium"}. A prompt goes to the strong tier when the router's score is above {@code 1 -
 * quality}.
 */
public final class AutoOptions {
  /** Without an option or a configured default: the harder half of typical prompts goes strong. */
  public static final double DEFAULT_QUALITY = 0.5;

  /** The named tiers, as qualities. */
  static final Map<String, Double> TIERS = Map.of("economy", 0.25, "balanced", 0.5, "premium", 0.8);

  private AutoOptions() {}

  /**
   * The quality {@code option} asks for, or {@code otherwise} without one.
   *
   * @throws GatewayError 400 naming the field when the option is malformed
   */
  public static double quality(Optional<JsonNode> option, double otherwise) {
    if (option.isEmpty()) {
      return otherwise;
    }
    JsonNode auto = option.get();
    if (auto.isTextual()) {
      return tier(auto.asText(), "auto");
    }
    var fields = auto.fieldNames();
    while (fields.hasNext()) {
      String field = fields.next();
      if (!field.equals("quality") && !field.equals("tier")) {
        throw invalid("auto." + field, "unknown option; expected quality (0 to 1) or tier");
      }
    }
    if (auto.has("quality") && auto.has("tier")) {
      throw invalid("auto", "send either quality or tier, not both");
    }
    if (auto.has("tier")) {
      JsonNode tier = auto.get("tier");
      if (!tier.isTextual()) {
        throw invalid("auto.tier", "expected one of " + TIERS.keySet());
      }
      return tier(tier.asText(), "auto.tier");
    }
    JsonNode quality = auto.path("quality");
    if (quality.isMissingNode()) {
      return otherwise;
    }
    if (!quality.isNumber() || !(quality.asDouble() >= 0 && quality.asDouble() <= 1)) {
      throw invalid("auto.quality", "expected a number from 0 to 1, got " + quality);
    }
    return quality.asDouble();
  }

  private static double tier(String name, String param) {
    Double quality = TIERS.get(name);
    if (quality == null) {
      throw invalid(param, "unknown tier '" + clip(name) + "'; expected one of " + TIERS.keySet());
    }
    return quality;
  }

  private static String clip(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  private static GatewayError invalid(String param, String problem) {
    return GatewayError.builder(ErrorKind.INVALID_REQUEST, param + ": " + problem)
        .param(param)
        .build();
  }
}
