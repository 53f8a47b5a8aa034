package dev.switchboard.policy.detect;

import java.util.List;
import java.util.Map;

/** Test view of findings: "TYPE=matched text", so assertions read like the input. */
final class Found {
  static final Scanner DEFAULT = new Scanner(DetectorConfig.DEFAULTS);

  private Found() {}

  static List<String> in(String text) {
    return in(DEFAULT, text);
  }

  static List<String> in(Scanner scanner, String text) {
    return scanner.scan(text).stream()
        .map(f -> f.type() + "=" + text.substring(f.start(), f.end()))
        .toList();
  }

  static Scanner withCustom(Map<String, String> patterns, Map<String, List<String>> keywords) {
    return new Scanner(new DetectorConfig(DetectorConfig.DEFAULT_REGIONS, patterns, keywords));
  }
}
