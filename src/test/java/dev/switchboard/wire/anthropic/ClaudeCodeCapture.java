package dev.switchboard.wire.anthropic;

import dev.switchboard.wire.IngressRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The recorded Claude Code requests (src/test/resources/wire/claude-code/) as the edge sees them.
 */
final class ClaudeCodeCapture {
  private ClaudeCodeCapture() {}

  static IngressRequest request(int number) {
    String head = new String(resource("request-" + number + ".headers"), StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    String[] lines = head.split("\r?\n");
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    String path = lines[0].split(" ")[1];
    return new IngressRequest(path, headers, resource("request-" + number + ".json"));
  }

  private static byte[] resource(String file) {
    try (InputStream in =
        ClaudeCodeCapture.class.getResourceAsStream("/wire/claude-code/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no capture " + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
