package dev.switchboard.fuzz;

import java.util.List;
import java.util.Locale;

/**
 * The fuzz targets' check that an error text is fit for a client: short, one line, no internals.
 */
final class CleanErrors {
  private static final List<String> INTERNALS =
      List.of("jackson", "exception", "source:", "redacted", "`", "(code ", "java.", "marker");

  private CleanErrors() {}

  static void check(String message) {
    if (message == null || message.isBlank()) {
      throw new AssertionError("an error without a message");
    }
    // A client's own value, echoed in quotes, may say anything.
    String lower =
        message
            .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
            .replaceAll("'[^']*'", "''")
            .toLowerCase(Locale.ROOT);
    for (String internal : INTERNALS) {
      if (lower.contains(internal)) {
        throw new AssertionError("an error text shows library internals: " + message);
      }
    }
    if (message.contains("\n") || message.length() > 400) {
      throw new AssertionError("an error text is not one short sentence: " + message);
    }
  }
}
