package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded tool-call arguments valid against the function's {@code parameters} schema (see {@link
 * SchemaSampler}), and call ids. A function without parameters gets {@code {}}.
 *
 * <p>The sim's calls are executed by real agents (opencode runs its {@code bash} tool), so a
 * function named like a shell gets a harmless {@code echo} as its command instead of random words:
 * the rule keys on the tool's name, which is all a schema says about what a string will do.
 */
final class ToolArguments {
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final List<String> SHELL_NAMES = List.of("bash", "shell", "terminal", "exec");
  private static final List<String> COMMAND_FIELDS = List.of("command", "cmd", "script");

  private ToolArguments() {}

  /** The arguments of one call of {@code function}, as JSON text. */
  static String of(JsonNode function, SplittableRandom random) {
    JsonNode parameters = function.path("parameters");
    JsonNode sampled =
        parameters.isObject() ? SchemaSampler.sample(parameters, random) : Json.object();
    ObjectNode arguments = sampled instanceof ObjectNode object ? object : Json.object();
    if (isShell(function.path("name").asText(""))) {
      harmless(arguments, random);
    }
    return AsciiJson.of(arguments);
  }

  /** An id shaped like OpenAI's: "call_" and 24 alphanumerics. */
  static String callId(SplittableRandom random) {
    return "call_" + alphanumerics(random, 24);
  }

  static String alphanumerics(SplittableRandom random, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return s.toString();
  }

  private static boolean isShell(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("sh") || SHELL_NAMES.stream().anyMatch(lower::contains);
  }

  /** Replaces a command string (or argv array) with {@code echo <word>}. */
  private static void harmless(ObjectNode arguments, SplittableRandom random) {
    String word = TextGenerator.word(random);
    for (String field : COMMAND_FIELDS) {
      JsonNode value = arguments.path(field);
      if (value.isTextual()) {
        arguments.put(field, "echo " + word);
      } else if (value.isArray()) {
        arguments.putArray(field).add("echo").add(word);
      }
    }
  }
}
