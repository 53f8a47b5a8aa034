package dev.switchboard.policy.redact;

import dev.switchboard.policy.detect.DetectorConfig;
import dev.switchboard.policy.detect.Scanner;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.WireException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Test requests parsed by the real formats and redacted with the real scanner. */
final class Requests {
  static final Scanner SCANNER = new Scanner(DetectorConfig.DEFAULTS);

  private Requests() {}

  static ChatRequest parse(String format, String json) {
    return parse(format, json.getBytes(StandardCharsets.UTF_8));
  }

  static ChatRequest parse(String format, byte[] body) {
    Map<String, String> headers =
        format.equals("anthropic") ? Map.of("anthropic-version", "2023-06-01") : Map.of();
    String path = format.equals("gemini") ? "/v1beta/models/gemini-2.5-flash:generateContent" : "";
    try {
      return WireFormats.find(format)
          .orElseThrow()
          .parseRequest(new IngressRequest(path, headers, body));
    } catch (WireException e) {
      throw new AssertionError("fixture does not parse: " + e.getMessage(), e);
    }
  }

  static byte[] fixture(String name) {
    try (InputStream in = Requests.class.getResourceAsStream("/policy-redact/" + name)) {
      if (in == null) {
        throw new AssertionError("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fixture as the JSON mapper writes it (compact, in its field order). */
  static byte[] fixtureTree(String name) {
    try {
      return dev.switchboard.wire.Json.bytes(dev.switchboard.wire.Json.tree(fixture(name)));
    } catch (WireException e) {
      throw new AssertionError(e);
    }
  }

  static Redaction redact(ChatRequest request) {
    return redact(SCANNER, request);
  }

  static Redaction redact(Scanner scanner, ChatRequest request) {
    return Redactor.redact(request, scanner.scan(request));
  }

  /** An OpenAI body of user messages with these texts. */
  static ChatRequest openAiUser(List<String> texts) {
    StringBuilder messages = new StringBuilder();
    for (String text : texts) {
      if (!messages.isEmpty()) {
        messages.append(',');
      }
      messages
          .append("{\"role\":\"user\",\"content\":")
          .append(dev.switchboard.wire.Json.string(text))
          .append('}');
    }
    return parse("openai", "{\"model\":\"m\",\"messages\":[" + messages + "]}");
  }
}
