package dev.switchboard.policy.detect;

import java.util.List;
import java.util.Map;

/**
 * What the configuration adds to the built-in detectors. {@code phoneRegions} are the ISO 3166
 * regions whose national phone formats are recognised (international "+" numbers are found always,
 * even with no region); {@code patterns} maps a name to an RE2 pattern and {@code keywords} a name
 * to words matched case-insensitively as whole words; each reports {@code CUSTOM:<name>}.
 */
public record DetectorConfig(
    List<String> phoneRegions, Map<String, String> patterns, Map<String, List<String>> keywords) {
  /** The regions of {@link #DEFAULTS}: the US, the UK, Germany and France. */
  public static final List<String> DEFAULT_REGIONS = List.of("US", "GB", "DE", "FR");

  public static final DetectorConfig DEFAULTS =
      new DetectorConfig(DEFAULT_REGIONS, Map.of(), Map.of());

  public DetectorConfig {
    phoneRegions = List.copyOf(phoneRegions);
    patterns = Map.copyOf(patterns);
    keywords = Map.copyOf(keywords);
  }
}
